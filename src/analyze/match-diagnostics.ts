import type { Diagnostic } from "../types.js";
import type { LineMap } from "./line-map.js";

const identity = (d: Diagnostic): string => `${d.source}\u0000${d.code}\u0000${d.message}`;

/**
 * Diagnostics of `after` with no counterpart in `before`: the same rule/code
 * and message at the line the map gives for an unchanged line, or anywhere in
 * the same changed region for a changed line, each counterpart used once.
 * The text of the line plays no part, so an edit that changes a line does not
 * make the other problems already on it look new.
 */
export function diagnosticsNewAcross(params: {
  readonly before: readonly Diagnostic[];
  readonly after: readonly Diagnostic[];
  readonly map: LineMap;
}): Diagnostic[] {
  const atLine = new Map<string, number>();
  const inRegion = new Map<string, number>();
  const take = (pool: Map<string, number>, key: string): boolean => {
    const count = pool.get(key) ?? 0;
    if (count === 0) return false;
    pool.set(key, count - 1);
    return true;
  };
  for (const d of params.before) {
    const region = params.map.beforeRegion(d.line);
    if (region === undefined) atLine.set(`${identity(d)}\u0000${d.line}`, (atLine.get(`${identity(d)}\u0000${d.line}`) ?? 0) + 1);
    else inRegion.set(`${identity(d)}\u0000${region}`, (inRegion.get(`${identity(d)}\u0000${region}`) ?? 0) + 1);
  }
  const fresh: Diagnostic[] = [];
  for (const d of params.after) {
    const region = params.map.afterRegion(d.line);
    const line = params.map.toBefore(d.line);
    const matched = region !== undefined ? take(inRegion, `${identity(d)}\u0000${region}`) : line !== undefined && take(atLine, `${identity(d)}\u0000${line}`);
    if (!matched) fresh.push(d);
  }
  return fresh;
}
