export interface Storage {
  read(key: string): Promise<string>;
}
