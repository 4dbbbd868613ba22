import type { Reading } from "./ranges.js";

/** Change between each reading and the next one. */
export function deltas(readings: readonly Reading[]): number[] {
  const result: number[] = [];
  for (let i = 0; i < readings.length; i++) {
    const next = readings[i + 1];
    result.push(next.value - readings[i].value);
  }
  return result;
}
