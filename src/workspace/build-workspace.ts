import type { RepoConfig } from "../config/repo-config.js";
import type { Notice } from "../types.js";
import { createWorkspace, type Workspace } from "./create-workspace.js";
import type { LoadedFiles } from "./load-files.js";
import { readCompilerOptions } from "./read-compiler-options.js";
import { createSafeLinter, type SafeLinter } from "./safe-linter.js";

/**
 * An in-memory workspace over files loaded from a snapshot: the repository's
 * `tsconfig.json` read as data, the built-in safe linter with the config's
 * rule switches, and the config's checks. Notices say what of the tsconfig
 * was not used. The caller disposes the workspace.
 */
export function buildWorkspace(params: {
  readonly loaded: LoadedFiles;
  readonly config: Pick<RepoConfig, "rules" | "checks">;
  /** A linter to share between workspaces (base and head); one is made otherwise. */
  readonly linter?: SafeLinter;
}): { readonly workspace: Workspace; readonly notices: readonly Notice[] } {
  const { loaded, config } = params;
  const compiler = readCompilerOptions({
    configPath: "tsconfig.json",
    readFile: (path) => loaded.files.get(path),
    fileExists: (path) => loaded.files.has(path),
  });
  const workspace = createWorkspace({
    files: loaded.files,
    compilerOptions: compiler.options,
    knownPaths: loaded.knownPaths,
    linter: params.linter ?? createSafeLinter(config.rules),
    checks: { eslint: config.checks.eslint, typescript: config.checks.typescript },
  });
  return { workspace, notices: compiler.notices };
}
