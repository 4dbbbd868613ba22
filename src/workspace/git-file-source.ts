import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { FileSource, ReadResult } from "../types.js";
import { decodeFile, oversize } from "./decode-file.js";

const run = promisify(execFile);

/** Thrown when a revision does not exist in the local repository. */
export class UnknownRevisionError extends Error {
  override readonly name = "UnknownRevisionError";
}

export type Git = (args: readonly string[], options?: { readonly encoding?: "buffer"; readonly input?: string }) => Promise<Buffer>;

/** Hooks, pagers and external diff/textconv drivers off: the repository's config never runs code. */
export const GIT_CONFIG_ARGS: readonly string[] = ["-c", "core.hooksPath=/dev/null", "-c", "diff.external=", "-c", "core.fsmonitor=false", "--no-pager"];

/** Run git in `cwd` with GIT_CONFIG_ARGS. */
export function createGit(cwd: string): Git {
  return async (args, options) => {
    const child = run(
      "git",
      [...GIT_CONFIG_ARGS, ...args],
      { cwd, encoding: "buffer", maxBuffer: 512 * 1024 * 1024, env: { ...safeGitEnv(), GIT_TERMINAL_PROMPT: "0" } },
    );
    if (options?.input !== undefined) child.child.stdin?.end(options.input);
    const { stdout } = await child;
    return stdout;
  };
}

/** The environment git runs with: no variable of ours that could point it elsewhere. */
export function safeGitEnv(): NodeJS.ProcessEnv {
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

/**
 * A snapshot of one commit of a local git repository, read with `git ls-tree` and `git cat-file` (never checked out).
 * `readBlob` (a kept-open reader, see createGitBlobReader) replaces one `git cat-file --batch` per batch of reads.
 */
export function createGitFileSource(params: { readonly git: Git; readonly sha: string; readonly maxBytes: number; readonly label: string; readonly readBlob?: (oid: string) => Promise<Buffer> }): FileSource {
  let paths: Promise<readonly string[]> | undefined;
  let sizes: Promise<Map<string, { size: number; oid: string }>> | undefined;
  const listTree = async (): Promise<Map<string, { size: number; oid: string }>> => {
    const out = (await params.git(["ls-tree", "-r", "-z", "--long", "--full-tree", params.sha])).toString("utf8");
    const map = new Map<string, { size: number; oid: string }>();
    for (const entry of out.split("\0")) {
      const match = /^\d+ blob ([0-9a-f]+)\s+(\d+|-)\t(.+)$/s.exec(entry);
      if (match?.[1] !== undefined && match[2] !== undefined && match[3] !== undefined) map.set(match[3], { oid: match[1], size: match[2] === "-" ? 0 : Number(match[2]) });
    }
    return map;
  };
  const readBlob = params.readBlob ?? createBlobBatcher(params.git);
  return {
    description: `${params.label}@${params.sha.slice(0, 12)}`,
    listPaths() {
      sizes ??= listTree();
      paths ??= sizes.then((m) => [...m.keys()]);
      return paths;
    },
    async readText(path): Promise<ReadResult> {
      sizes ??= listTree();
      const entry = (await sizes).get(path);
      if (entry === undefined) return { kind: "missing" };
      if (entry.size > params.maxBytes) return oversize(path, entry.size, params.maxBytes);
      return decodeFile(path, await readBlob(entry.oid), params.maxBytes);
    },
  };
}

/**
 * Blob reads asked for in the same turn of the event loop go to one
 * `git cat-file --batch` (one process for a review's hundreds of files
 * instead of one each). Object ids come from `ls-tree`, so the input is only
 * hex ids and newlines.
 */
function createBlobBatcher(git: Git): (oid: string) => Promise<Buffer> {
  let pending: { oid: string; resolve: (bytes: Buffer) => void; reject: (error: unknown) => void }[] = [];
  const flush = async (): Promise<void> => {
    const batch = pending;
    pending = [];
    try {
      const out = await git(["cat-file", "--batch"], { input: `${batch.map((b) => b.oid).join("\n")}\n` });
      let at = 0;
      for (const request of batch) {
        const newline = out.indexOf(10, at);
        const header = out.subarray(at, newline).toString("utf8");
        const match = /^([0-9a-f]+) blob (\d+)$/.exec(header);
        if (!match?.[2]) {
          request.reject(new Error(`git cat-file could not read blob ${request.oid}: ${header}`));
          at = newline + 1;
          continue;
        }
        const size = Number(match[2]);
        request.resolve(out.subarray(newline + 1, newline + 1 + size));
        at = newline + 1 + size + 1;
      }
    } catch (error) {
      for (const request of batch) request.reject(error);
    }
  };
  return (oid) =>
    new Promise<Buffer>((resolve, reject) => {
      if (pending.length === 0) setImmediate(() => void flush());
      pending.push({ oid, resolve, reject });
    });
}

/** The unified diff between two commits, with renames detected and no external drivers. */
export async function gitDiff(git: Git, base: string, head: string): Promise<string> {
  const out = await git(["diff", "--no-color", "--no-ext-diff", "--no-textconv", "-M", "--src-prefix=a/", "--dst-prefix=b/", base, head, "--"]);
  return out.toString("utf8");
}
