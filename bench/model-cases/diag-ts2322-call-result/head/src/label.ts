import { sumWeights, type Parcel } from "./parcels.js";

export function shipmentLabel(parcels: readonly Parcel[]): string {
  const weight: string = sumWeights(parcels);
  return `${parcels.length} parcels, ${weight} kg`;
}
