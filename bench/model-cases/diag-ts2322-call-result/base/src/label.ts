import type { Parcel } from "./parcels.js";

export function shipmentLabel(parcels: readonly Parcel[]): string {
  return `${parcels.length} parcels`;
}
