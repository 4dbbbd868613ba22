import type { RepoConfig } from "../../config/repo-config.js";
import { classifyPath } from "../../diff/classify-path.js";
import type { FileDiff } from "../../types.js";

export type FileRank = { readonly rank: number } | { readonly skip: string };

const SOURCE = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs|py|go|rs|java|kt|rb|php|cs|c|cc|cpp|h|hpp|swift|scala|vue|svelte)$/;
const TEST = /(?:^|\/)(?:test|tests|__tests__|spec|__mocks__|fixtures?)\/|\.(?:test|spec)\.[^/]+$|_test\.go$|(?:^|\/)test_[^/]+\.py$/;
const CONFIG = /(?:^|\/)(?:\.[^/]+rc(?:\.[^/]+)?|[^/]*\.config\.[^/]+|tsconfig[^/]*\.json|package\.json|Dockerfile|Makefile|[^/]+\.ya?ml|[^/]+\.toml|[^/]+\.ini)$|(?:^|\/)\.github\//;
const DOCS = /\.(?:md|mdx|rst|txt|adoc)$/;

/**
 * How much a changed file deserves the model's limited attention: 0 for
 * source, 1 for other code-like files, 2 for tests, 3 for docs, 4 for
 * config; or why it is not reviewed at all (removed, binary, no patch,
 * lockfile, generated, vendored, ignored by config).
 */
export function rankFile(file: FileDiff, config: Pick<RepoConfig, "include" | "ignore">): FileRank {
  if (file.status === "removed") return { skip: "removed" };
  if (file.status === "binary") return { skip: "binary file" };
  if (file.noPatch || file.hunks.length === 0) return { skip: "no patch text (too large, binary or a pure rename)" };
  const verdict = classifyPath(file.path, config);
  if (!verdict.review) return { skip: verdict.reason };
  if (file.hunks.every((hunk) => hunk.newLines === 0)) return { skip: "only deletions" };
  if (TEST.test(file.path)) return { rank: 2 };
  if (CONFIG.test(file.path)) return { rank: 4 };
  if (SOURCE.test(file.path)) return { rank: 0 };
  if (DOCS.test(file.path)) return { rank: 3 };
  return { rank: 1 };
}
