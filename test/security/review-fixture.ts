import { defaultRepoConfig, type RepoConfig } from "../../src/config/repo-config.js";
import { parseFilePatch } from "../../src/diff/parse-file-patch.js";
import type { FileDiff, FileSource } from "../../src/types.js";

/** A snapshot held in memory: path → text. */
export function memorySource(files: Readonly<Record<string, string>>, description = "memory"): FileSource & { readonly reads: string[] } {
  const reads: string[] = [];
  return {
    description,
    reads,
    readText: (path) => {
      reads.push(path);
      const text = files[path];
      return Promise.resolve(text === undefined ? { kind: "missing" } : { kind: "text", text });
    },
    listPaths: () => Promise.resolve(Object.keys(files)),
  };
}

function linesOf(text: string): string[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/**
 * The diff of a change that keeps `base`'s lines and appends the rest of
 * `head` (which must start with all of `base`), as GitHub's patch for it
 * would read: one hunk, the last base lines as context.
 */
export function appendedDiff(path: string, base: string | undefined, head: string): FileDiff {
  const before = base === undefined ? [] : linesOf(base);
  const after = linesOf(head);
  if (after.slice(0, before.length).join("\n") !== before.join("\n")) throw new Error(`appendedDiff: head of ${path} does not start with base`);
  const context = before.slice(-3);
  const oldStart = before.length - context.length + 1;
  const added = after.slice(before.length);
  const header = before.length === 0 ? `@@ -0,0 +1,${added.length} @@` : `@@ -${oldStart},${context.length} +${oldStart},${context.length + added.length} @@`;
  const patch = [header, ...context.map((line) => ` ${line}`), ...added.map((line) => `+${line}`)].join("\n");
  return parseFilePatch({ path, status: base === undefined ? "added" : "modified", patch });
}

/** Review parameters for a change of whole files: path → [base text or undefined for a new file, head text]. */
export function reviewOf(files: Readonly<Record<string, readonly [string | undefined, string]>>, config: RepoConfig = defaultRepoConfig) {
  const base: Record<string, string> = {};
  const head: Record<string, string> = {};
  const diff: FileDiff[] = [];
  for (const [path, [before, after]] of Object.entries(files)) {
    if (before !== undefined) base[path] = before;
    head[path] = after;
    diff.push(appendedDiff(path, before, after));
  }
  return { base: memorySource(base, "base"), head: memorySource(head, "head"), diff, config, repo: { owner: "octo-org", name: "octo-repo" } };
}
