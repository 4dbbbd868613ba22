import type { Shape } from "./shapes.js";

export function circleArea(shape: Shape): number {
  return Math.PI * shape.radius * shape.radius;
}
