import type { Diagnostic } from "../types.js";
import { splitLines } from "./apply-edit.js";
import { newDiagnostics } from "./diagnostic-key.js";
import { lineMapOfHunks } from "./line-map.js";
import { diagnosticsNewAcross } from "./match-diagnostics.js";
import type { Hunk } from "../types.js";

/** More new TypeScript errors than this on untouched lines of one file look like a changed environment, not a changed line. */
const MAX_UNTOUCHED_ERRORS = 5;

/**
 * The diagnostics a change introduced in one file: present at head, absent
 * from the base version of the same file, and on a line the change added or
 * modified. Problems the file already had are not the PR's fault.
 * With `typeCheckedAtBase`, a new TypeScript error on a line the change did
 * not touch is introduced too (a removed import still used below, a missing
 * `await` whose error lands on the next line), up to a few per file: more
 * say that the file's settings changed, and none of them is reported.
 */
export function findIntroducedDiagnostics(params: {
  readonly baseText: string | undefined;
  readonly baseDiagnostics: readonly Diagnostic[];
  readonly headText: string;
  readonly headDiagnostics: readonly Diagnostic[];
  readonly addedLines: ReadonlySet<number>;
  /** The diff's hunks: unchanged lines map to their base line, changed ones match within their hunk. Without them, by line text. */
  readonly hunks?: readonly Hunk[];
  /** Both versions were type-checked by the same kind of project, so their TypeScript errors compare. */
  readonly typeCheckedAtBase?: boolean;
}): Diagnostic[] {
  const fresh =
    params.hunks !== undefined && params.baseText !== undefined
      ? diagnosticsNewAcross({ before: params.baseDiagnostics, after: params.headDiagnostics, map: lineMapOfHunks(params.hunks) })
      : newDiagnostics({
          before: params.baseDiagnostics,
          beforeLines: splitLines(params.baseText ?? "").lines,
          after: params.headDiagnostics,
          afterLines: splitLines(params.headText).lines,
        });
  const onAdded = fresh.filter((d) => params.addedLines.has(d.line));
  if (params.typeCheckedAtBase !== true || params.baseText === undefined) return onAdded;
  const untouched = fresh.filter((d) => !params.addedLines.has(d.line) && d.source === "typescript" && d.severity === "error");
  return untouched.length > MAX_UNTOUCHED_ERRORS ? onAdded : [...onAdded, ...untouched].sort((a, b) => a.line - b.line || a.column - b.column);
}
