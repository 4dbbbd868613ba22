import type { Diagnostic } from "../types.js";
import { splitLines } from "./apply-edit.js";
import { newDiagnostics } from "./diagnostic-key.js";

/**
 * The diagnostics a change introduced in one file: present at head, absent
 * from the base version of the same file, and on a line the change added or
 * modified. Problems the file already had are not the PR's fault.
 */
export function findIntroducedDiagnostics(params: {
  readonly baseText: string | undefined;
  readonly baseDiagnostics: readonly Diagnostic[];
  readonly headText: string;
  readonly headDiagnostics: readonly Diagnostic[];
  readonly addedLines: ReadonlySet<number>;
}): Diagnostic[] {
  const fresh = newDiagnostics({
    before: params.baseDiagnostics,
    beforeLines: splitLines(params.baseText ?? "").lines,
    after: params.headDiagnostics,
    afterLines: splitLines(params.headText).lines,
  });
  return fresh.filter((d) => params.addedLines.has(d.line));
}
