import type { RepoConfig } from "../config/repo-config.js";
import { classifyPath, isScriptPath } from "../diff/classify-path.js";
import type { FileDiff } from "../types.js";

/** The changed files the unit-test step looks at: JavaScript and TypeScript with a diff, not deleted, generated, vendored or ignored. */
export function testableFiles(diffs: readonly FileDiff[], config: Pick<RepoConfig, "include" | "ignore">): FileDiff[] {
  return diffs.filter((file) => file.status !== "removed" && file.status !== "binary" && !file.noPatch && isScriptPath(file.path) && classifyPath(file.path, config).review);
}
