const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function unitMs(unit: string): number | undefined {
  return UNIT_MS[unit];
}

/** "1h30m" → 5400000; throws on text it does not understand. */
export function parseDuration(text: string): number {
  const parts = text.match(/\d+(?:ms|s|m|h)/g);
  if (parts === null || parts.join("") !== text) throw new Error(`not a duration: ${text}`);
  let total = 0;
  for (const part of parts) {
    const [, amount = "0", unit = ""] = /^(\d+)(ms|s|m|h)$/.exec(part) ?? [];
    total += Number(amount) * (unitMs(unit) ?? 0);
  }
  return total;
}
