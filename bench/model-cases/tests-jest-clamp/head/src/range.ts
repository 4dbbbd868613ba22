export function inRange(value: number, min: number, max: number): boolean {
  return value >= min && value <= max;
}

/** `value` moved into min..max. */
export function clamp(value: number, min: number, max: number): number {
  if (min > max) throw new RangeError("min must not be above max");
  return Math.min(max, Math.max(min, value));
}
