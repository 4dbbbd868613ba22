export interface Db {
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface OrderRow {
  readonly id: number;
  readonly customerId: number;
  readonly totalCents: number;
}
