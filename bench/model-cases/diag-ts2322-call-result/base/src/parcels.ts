export interface Parcel {
  readonly id: string;
  readonly weightKg: number;
}

export function sumWeights(parcels: readonly Parcel[]): number {
  return parcels.reduce((sum, p) => sum + p.weightKg, 0);
}
