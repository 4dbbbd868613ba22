export interface Syncer {
  syncAll(): Promise<number>;
}

export interface Log {
  info(message: string): void;
  error(message: string): void;
}
