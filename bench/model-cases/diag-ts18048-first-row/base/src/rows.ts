export interface Row {
  readonly id: number;
  readonly label: string;
}
