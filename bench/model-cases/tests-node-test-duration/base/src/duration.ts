const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function unitMs(unit: string): number | undefined {
  return UNIT_MS[unit];
}
