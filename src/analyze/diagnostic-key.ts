import type { Diagnostic } from "../types.js";

/**
 * A key that identifies "the same problem" across two versions of a file
 * whose line numbers moved: the rule, the message and the trimmed text of
 * the line it is on.
 */
export function diagnosticKey(diagnostic: Diagnostic, lines: readonly string[]): string {
  const text = (lines[diagnostic.line - 1] ?? "").trim().replace(/\s+/g, " ");
  return `${diagnostic.source}\u0000${diagnostic.code}\u0000${diagnostic.message}\u0000${text}`;
}

/** Diagnostics of `after` with no counterpart in `before` (a multiset difference by key). */
export function newDiagnostics(params: {
  readonly before: readonly Diagnostic[];
  readonly beforeLines: readonly string[];
  readonly after: readonly Diagnostic[];
  readonly afterLines: readonly string[];
}): Diagnostic[] {
  const remaining = new Map<string, number>();
  for (const d of params.before) {
    const key = diagnosticKey(d, params.beforeLines);
    remaining.set(key, (remaining.get(key) ?? 0) + 1);
  }
  const result: Diagnostic[] = [];
  for (const d of params.after) {
    const key = diagnosticKey(d, params.afterLines);
    const count = remaining.get(key) ?? 0;
    if (count > 0) remaining.set(key, count - 1);
    else result.push(d);
  }
  return result;
}
