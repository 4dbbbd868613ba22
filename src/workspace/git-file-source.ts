import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { FileSource, ReadResult } from "../types.js";
import { decodeFile, oversize } from "./decode-file.js";

const run = promisify(execFile);

/** Thrown when a revision does not exist in the local repository. */
export class UnknownRevisionError extends Error {
  override readonly name = "UnknownRevisionError";
}

export type Git = (args: readonly string[], options?: { readonly encoding?: "buffer" }) => Promise<Buffer>;

/** Run git in `cwd` with hooks, pagers and external diff/textconv drivers off: the repository's config never runs code. */
export function createGit(cwd: string): Git {
  return async (args) => {
    const { stdout } = await run(
      "git",
      ["-c", "core.hooksPath=/dev/null", "-c", "diff.external=", "-c", "core.fsmonitor=false", "--no-pager", ...args],
      { cwd, encoding: "buffer", maxBuffer: 512 * 1024 * 1024, env: { ...safeGitEnv(), GIT_TERMINAL_PROMPT: "0" } },
    );
    return stdout;
  };
}

function safeGitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of ["PATH", "HOME", "LANG", "TMPDIR"]) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

/** Resolve a ref to a commit SHA, or throw UnknownRevisionError naming it. */
export async function resolveRevision(git: Git, ref: string): Promise<string> {
  try {
    return (await git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`])).toString("utf8").trim();
  } catch (error) {
    throw new UnknownRevisionError(`The revision "${ref}" does not exist in this repository; fetch it or pass another --base/--head.`, { cause: error });
  }
}

/** A snapshot of one commit of a local git repository, read with `git show`/`git ls-tree` (never checked out). */
export function createGitFileSource(params: { readonly git: Git; readonly sha: string; readonly maxBytes: number; readonly label: string }): FileSource {
  let paths: Promise<readonly string[]> | undefined;
  let sizes: Promise<Map<string, number>> | undefined;
  const listTree = async (): Promise<Map<string, number>> => {
    const out = (await params.git(["ls-tree", "-r", "-z", "--long", "--full-tree", params.sha])).toString("utf8");
    const map = new Map<string, number>();
    for (const entry of out.split("\0")) {
      const match = /^\d+ blob [0-9a-f]+\s+(\d+|-)\t(.+)$/s.exec(entry);
      if (match?.[1] !== undefined && match[2] !== undefined) map.set(match[2], match[1] === "-" ? 0 : Number(match[1]));
    }
    return map;
  };
  return {
    description: `${params.label}@${params.sha.slice(0, 12)}`,
    listPaths() {
      sizes ??= listTree();
      paths ??= sizes.then((m) => [...m.keys()]);
      return paths;
    },
    async readText(path): Promise<ReadResult> {
      sizes ??= listTree();
      const size = (await sizes).get(path);
      if (size === undefined) return { kind: "missing" };
      if (size > params.maxBytes) return oversize(path, size, params.maxBytes);
      const bytes = await params.git(["cat-file", "blob", `${params.sha}:${path}`]);
      return decodeFile(path, bytes, params.maxBytes);
    },
  };
}

/** The unified diff between two commits, with renames detected and no external drivers. */
export async function gitDiff(git: Git, base: string, head: string): Promise<string> {
  const out = await git(["diff", "--no-color", "--no-ext-diff", "--no-textconv", "-M", "--src-prefix=a/", "--dst-prefix=b/", base, head, "--"]);
  return out.toString("utf8");
}
