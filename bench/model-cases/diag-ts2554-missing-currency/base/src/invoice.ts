export interface Invoice {
  readonly number: string;
  readonly totalCents: number;
  readonly currency: string;
}
