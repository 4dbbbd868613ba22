export type OrderStatus = "open" | "paid" | "cancelled";

export interface Order {
  readonly id: string;
  readonly status: OrderStatus;
  readonly totalCents: number;
}
