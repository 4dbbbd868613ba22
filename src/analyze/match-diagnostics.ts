import type { Diagnostic } from "../types.js";
import type { LineMap } from "./line-map.js";

const identity = (d: Diagnostic): string => `${d.source}\u0000${d.code}\u0000${d.message}`;

/**
 * Diagnostics of `after` with no counterpart in `before`: the same rule/code
 * and message at the line the map gives for an unchanged line, or anywhere in
 * the same changed region for a changed line, each counterpart used once.
 * The text of the line plays no part, so an edit that changes a line does not
 * make the other problems already on it look new.
 *
 * With `reworded` (an edit's few lines, not a pull request's hunks), a
 * problem whose message quotes the text the edit changed (ESLint's
 * no-constant-binary-expression names the operator) is still the same
 * problem: what is left unmatched in a changed region is matched by
 * rule/code alone, the diagnostic the edit targets excepted (it must be
 * gone, not reworded).
 */
export function diagnosticsNewAcross(params: {
  readonly before: readonly Diagnostic[];
  readonly after: readonly Diagnostic[];
  readonly map: LineMap;
  readonly reworded?: { readonly target?: Diagnostic };
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
  const unmatched: { d: Diagnostic; region: number | undefined }[] = [];
  for (const d of params.after) {
    const region = params.map.afterRegion(d.line);
    const line = params.map.toBefore(d.line);
    const matched = region !== undefined ? take(inRegion, `${identity(d)}\u0000${region}`) : line !== undefined && take(atLine, `${identity(d)}\u0000${line}`);
    if (!matched) unmatched.push({ d, region });
  }
  if (params.reworded === undefined) return unmatched.map(({ d }) => d);
  // What is left of `before` in each region, by rule/code alone.
  const byRule = new Map<string, number>();
  for (const [key, count] of inRegion) {
    if (count === 0) continue;
    const [source, code, message, region] = key.split("\u0000");
    const target = params.reworded.target;
    const isTarget = target !== undefined && target.source === source && target.code === code && target.message === message;
    const left = isTarget ? count - 1 : count;
    if (left > 0) byRule.set(`${source ?? ""}\u0000${code ?? ""}\u0000${region ?? ""}`, (byRule.get(`${source ?? ""}\u0000${code ?? ""}\u0000${region ?? ""}`) ?? 0) + left);
  }
  return unmatched.filter(({ d, region }) => region === undefined || !take(byRule, `${d.source}\u0000${d.code}\u0000${region}`)).map(({ d }) => d);
}
