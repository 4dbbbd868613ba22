import { readUnpatchedFiles } from "../../analyze/secrets/read-unpatched-files.js";
import { scanChangeForSecrets, type ScanChangeResult } from "../../analyze/secrets/scan-change-for-secrets.js";
import type { FileDiff } from "../../types.js";
import { validateEdit } from "../../validate/validate-edit.js";
import type { Workspaces } from "./build-workspaces.js";
import type { ReviewRun } from "./review-run.js";

/**
 * Credentials on the added lines of every reviewable file (not only the
 * analysed ones), each an error finding with a validated `process.env`
 * suggestion where one is possible, and a mask for every secret found.
 * GitHub gives no patch for a very large diff: such files are read whole
 * (through the read budget) and their new lines recovered.
 */
export async function findChangeSecrets(run: ReviewRun, diff: readonly FileDiff[], workspaces: Pick<Workspaces, "head" | "base">): Promise<ScanChangeResult> {
  const { head, base } = workspaces;
  const { config } = run;
  const unpatched = await readUnpatchedFiles({
    diff,
    config,
    head: run.source.head,
    base: run.source.base,
    loadedHead: (path) => head.getText(path),
    loadedBase: (path) => base.getText(path),
    ...(run.signal ? { signal: run.signal } : {}),
  });
  run.notices.push(...unpatched.notices);
  run.budgetNotice("secrets were not looked for in the files named in these notices");
  return scanChangeForSecrets({ diff, config, headText: (path) => head.getText(path), validate: (fix) => validateEdit(head, fix), declaresProcess: (path) => head.declaresGlobal(path, "process"), recovered: unpatched.recovered });
}
