export interface Db {
  query<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface UserRow {
  readonly id: number;
  readonly email: string;
}
