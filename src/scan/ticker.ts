/** Calls a tick function on a schedule; the app starts it, shutdown stops it. Tests pass one they fire by hand. */
export interface Ticker {
  start(tick: () => Promise<unknown>): void;
  stop(): void;
}
