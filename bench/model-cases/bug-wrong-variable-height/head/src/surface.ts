import type { Box } from "./box.js";

/** Outer surface of a box, for the amount of wrapping paper. */
export function surface(box: Box): number {
  const front = box.width * box.height;
  const side = box.depth * box.height;
  const top = box.width * box.width;
  return 2 * (front + side + top);
}
