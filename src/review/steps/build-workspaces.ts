import { readEslintrcRules } from "../../config/read-eslintrc-rules.js";
import { buildWorkspace } from "../../workspace/build-workspace.js";
import type { Workspace } from "../../workspace/create-workspace.js";
import { createSafeLinter } from "../../workspace/safe-linter.js";
import type { ChangedFiles } from "./load-changed-files.js";
import type { Environments } from "./prepare-environments.js";
import type { ReviewRun } from "./review-run.js";

export interface Workspaces {
  readonly head: Workspace;
  readonly base: Workspace;
  /** Rules the repository sets itself (its legacy ESLint config, `rules` in .github/patchsmith.yml): never quiet. */
  readonly repositoryRules: ReadonlySet<string>;
}

/**
 * In-memory workspaces at head and base (TypeScript language service
 * and the built-in ESLint linter; nothing from the repository runs). The
 * repository's legacy ESLint config, where it is data, sets the shipped
 * rules; .github/patchsmith.yml wins. The caller disposes both workspaces.
 */
export function buildWorkspaces(run: ReviewRun, files: ChangedFiles, environments: Environments): Workspaces {
  const { config } = run;
  const eslintrc = readEslintrcRules({ files: files.head.files, knownPaths: files.head.knownPaths });
  run.notices.push(...eslintrc.notices);
  const linter = createSafeLinter({ ...eslintrc.rules, ...config.rules });
  const head = buildWorkspace({ loaded: files.head, config, linter, changed: files.headSeeds, ...(environments.head ? { environment: environments.head } : {}) });
  run.notices.push(...head.notices);
  const base = buildWorkspace({ loaded: files.base, config, linter, changed: files.baseSeeds, ...(environments.base ? { environment: environments.base } : {}) });
  return { head: head.workspace, base: base.workspace, repositoryRules: new Set([...Object.keys(eslintrc.rules), ...Object.keys(config.rules)]) };
}
