import { findQuietRules } from "../../analyze/find-quiet-rules.js";
import type { Diagnostic, FileDiff } from "../../types.js";
import type { Workspace } from "../../workspace/create-workspace.js";
import type { DiagnosedFile } from "./diagnose-change.js";
import type { ReviewRun } from "./review-run.js";

/**
 * The ESLint rules the repository does not follow (they already stand several
 * times in the unchanged code under review) stay quiet for this review, with
 * a notice naming them. Rules the repository sets itself are never quiet.
 * Returns each quiet rule with the times it stands.
 */
export function chooseQuietRules(
  run: ReviewRun,
  params: { readonly diagnosed: readonly DiagnosedFile[]; readonly files: readonly FileDiff[]; readonly base: Workspace; readonly repositoryRules: ReadonlySet<string> },
): ReadonlyMap<string, number> {
  const { base } = params;
  const quiet = params.diagnosed.some(({ fresh }) => fresh.some((d) => d.source === "eslint"))
    ? findQuietRules({
        baseDiagnostics: params.files.filter((f) => f.status !== "added").flatMap((f) => diagnoseOrNothing(() => base.diagnose(f.oldPath ?? f.path, "eslint"))),
        configured: params.repositoryRules,
      })
    : new Map<string, number>();
  if (quiet.size > 0) {
    const named = [...quiet].map(([rule, count]) => `\`${rule}\` (${count} times)`).join(", ");
    run.notices.push({ message: `Quiet for this pull request: ${named} already stand in the unchanged code of these files, so the repository does not follow ${quiet.size === 1 ? "that rule" : "those rules"}; set ${quiet.size === 1 ? "it" : "them"} in \`rules\` of .github/patchsmith.yml to be held to ${quiet.size === 1 ? "it" : "them"}.` });
  }
  return quiet;
}

/** A base file's diagnostics for the quiet-rules count; one that cannot be checked counts nothing. */
function diagnoseOrNothing(diagnose: () => Diagnostic[]): Diagnostic[] {
  try {
    return diagnose();
  } catch {
    return [];
  }
}
