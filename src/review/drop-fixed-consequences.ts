import type { Diagnostic, Fix } from "../types.js";
import { diagnosticsGoneAfter } from "../validate/diagnostics-gone-after.js";
import type { Workspace } from "../workspace/create-workspace.js";

/**
 * The fix tasks' diagnostics without those a validated deterministic fix
 * removes too: a consequence of another error (the implicit `any` of a
 * callback on `items.reduce` where `items` is an un-awaited promise) goes with
 * that error's fix, so asking the model about it costs calls that carry
 * nothing. Checking a fix that throws drops nothing.
 */
export function dropFixedConsequences<T extends { readonly diagnostic: Diagnostic }>(params: { readonly workspace: Workspace; readonly unfixed: readonly T[]; readonly fixes: readonly Fix[] }): T[] {
  let left = [...params.unfixed];
  for (const fix of params.fixes) {
    const candidates = left.map((entry) => entry.diagnostic).filter((d) => d.path === fix.edit.path);
    if (candidates.length === 0) continue;
    try {
      const gone = new Set(diagnosticsGoneAfter(params.workspace, fix, candidates));
      left = left.filter((entry) => !gone.has(entry.diagnostic));
    } catch {
      // The task stays: the model may still fix it.
    }
  }
  return left;
}
