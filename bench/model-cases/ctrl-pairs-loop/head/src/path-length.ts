import type { Point } from "./points.js";

/** Length of the path through the points in order. */
export function pathLength(points: readonly Point[]): number {
  let length = 0;
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1];
    const to = points[i];
    if (from === undefined || to === undefined) continue;
    length += Math.hypot(to.x - from.x, to.y - from.y);
  }
  return length;
}
