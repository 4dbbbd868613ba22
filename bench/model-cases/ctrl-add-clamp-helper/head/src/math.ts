export function lerp(from: number, to: number, t: number): number {
  return from + (to - from) * t;
}

/** `value` limited to the range min..max. */
export function clamp(value: number, min: number, max: number): number {
  if (min > max) throw new RangeError(`clamp: min ${min} is above max ${max}`);
  return Math.min(Math.max(value, min), max);
}
