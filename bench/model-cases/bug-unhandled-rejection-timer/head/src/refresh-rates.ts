import type { RateSource } from "./rates.js";

export const rates = new Map<string, number>();

async function refresh(source: RateSource): Promise<void> {
  const latest = await source.latest();
  for (const [currency, rate] of Object.entries(latest)) rates.set(currency, rate);
}

/** Refreshes the exchange rates every minute; returns a function that stops it. */
export function keepRatesFresh(source: RateSource): () => void {
  const timer = setInterval(() => {
    void refresh(source);
  }, 60_000);
  return () => clearInterval(timer);
}
