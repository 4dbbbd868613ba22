export interface Customer {
  readonly name: string;
  readonly country: string;
}

export interface Order {
  readonly number: number;
  readonly customer: Customer;
  readonly totalCents: number;
}
