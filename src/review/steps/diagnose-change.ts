import { findIntroducedDiagnostics } from "../../analyze/find-introduced-diagnostics.js";
import { addedLines } from "../../diff/commentable-lines.js";
import type { Diagnostic, FileDiff } from "../../types.js";
import { describeFailure } from "./describe-failure.js";
import type { ReviewRun } from "./review-run.js";
import type { Workspaces } from "./build-workspaces.js";

/** One analysed file: its added lines and the diagnostics the change introduced in it. */
export interface DiagnosedFile {
  readonly file: FileDiff;
  readonly added: ReadonlySet<number>;
  readonly fresh: readonly Diagnostic[];
}

/**
 * The diagnostics the change introduced, file by file: ESLint and TypeScript
 * at head, compared with the same file at base. A file whose analysis fails
 * is skipped alone (out of both workspaces, so no later step meets it again);
 * the rest of the review goes on.
 */
export function diagnoseChange(run: ReviewRun, files: readonly FileDiff[], workspaces: Pick<Workspaces, "head" | "base">): DiagnosedFile[] {
  const { head, base } = workspaces;
  const { config } = run;
  const diagnosed: DiagnosedFile[] = [];
  files.forEach((file, index) => {
    run.signal?.throwIfAborted();
    try {
      const headText = head.getText(file.path) ?? "";
      const basePath = file.oldPath ?? file.path;
      const added = addedLines(file);
      const headDiagnostics = head.diagnose(file.path);
      const fresh = findIntroducedDiagnostics({
        baseText: file.status === "added" ? undefined : base.getText(basePath),
        // Nothing of a checker at head, nothing of it introduced: the base is not checked by it at all then
        // (a change TypeScript finds clean costs one program, not two). ESLint's are introduced only on added
        // lines, so the base is linted only when one of them is on an added line.
        baseDiagnostics: file.status === "added" ? [] : (["eslint", "typescript"] as const).flatMap((checker) => (headDiagnostics.some((d) => d.source === checker && (checker === "typescript" || added.has(d.line))) ? base.diagnose(basePath, checker) : [])),
        headText,
        headDiagnostics,
        addedLines: added,
        hunks: file.hunks,
        typeCheckedAtBase: file.status !== "added" && config.checks.typescript && base.typeChecked(basePath) && head.typeChecked(file.path),
      });
      diagnosed.push({ file, added, fresh });
    } catch (error) {
      if (run.signal?.aborted === true) throw error;
      run.skipped.push({ path: file.path, reason: `its analysis failed (${describeFailure(error)}); the rest of the review went on` });
      head.remove(file.path);
      base.remove(file.oldPath ?? file.path);
    }
    run.progress("analyze", index + 1, files.length);
  });
  return diagnosed;
}
