export interface Reading {
  readonly at: number;
  readonly value: number;
}
