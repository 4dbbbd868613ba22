import type { SearchOptions } from "./search.js";

const DEFAULT_LIMIT = 20;

export function effectiveLimit(options: SearchOptions): number {
  return options.limit || DEFAULT_LIMIT;
}
