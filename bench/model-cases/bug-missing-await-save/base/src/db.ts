export interface Db {
  insert(table: string, row: Readonly<Record<string, unknown>>): Promise<void>;
}
