import type { RepoConfig } from "../../config/repo-config.js";
import { classifyPath, isScriptPath } from "../../diff/classify-path.js";
import type { FileDiff } from "../../types.js";
import type { ReviewRun } from "./review-run.js";

/**
 * The files to analyse. Deleted, binary, generated and ignored files
 * are skipped (listed with the reason, or silently when they are simply not
 * code); past `limits.maxFiles` the rest are skipped with one notice.
 */
export function chooseFiles(run: ReviewRun, diff: readonly FileDiff[]): FileDiff[] {
  const { config } = run;
  const analysable: FileDiff[] = [];
  let overFiles = 0;
  for (const file of diff) {
    const reason = skipReason(file, config);
    if (reason === undefined && analysable.length >= config.limits.maxFiles) {
      run.skipped.push({ path: file.path, reason: `over the limit of ${config.limits.maxFiles} files per review` });
      overFiles++;
    } else if (reason === undefined) analysable.push(file);
    else if (reason !== "") run.skipped.push({ path: file.path, reason });
  }
  if (overFiles > 0) run.notices.push({ message: `Limit hit: ${overFiles} changed ${overFiles === 1 ? "file was" : "files were"} not analysed, over the limit of ${config.limits.maxFiles} files per review (\`limits.maxFiles\` in .github/patchsmith.yml). Secrets were still looked for in every file.` });
  return analysable;
}

/** Why a file is not analysed; "" for files that are simply not code (not worth listing). */
function skipReason(file: FileDiff, config: RepoConfig): string | undefined {
  if (file.status === "removed") return "";
  if (file.status === "binary") return "binary file";
  const classified = classifyPath(file.path, config);
  if (!classified.review) return classified.reason;
  if (!isScriptPath(file.path)) return "";
  if (file.noPatch) return "no diff available for this file (too large for GitHub to show), so ESLint and TypeScript did not check it; secrets were still looked for in its new lines. Review it locally";
  return undefined;
}
