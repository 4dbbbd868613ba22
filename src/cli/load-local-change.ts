import { parseUnifiedDiff } from "../diff/parse-unified-diff.js";
import type { FileDiff, FileSource, Notice } from "../types.js";
import { createGitBlobReader } from "../workspace/git-blob-reader.js";
import { createGit, createGitFileSource, type Git, gitDiff, resolveRevision, UnknownRevisionError } from "../workspace/git-file-source.js";
import { UsageError } from "./cli-io.js";

export interface LocalChange {
  readonly base: FileSource;
  readonly head: FileSource;
  readonly diff: readonly FileDiff[];
  readonly baseSha: string;
  readonly headSha: string;
  readonly notices: readonly Notice[];
  /** The same snapshots with another file-size limit (the repository's `maxFileBytes`, known once its config is read). */
  withMaxBytes(maxBytes: number): { readonly base: FileSource; readonly head: FileSource };
}

/**
 * The change between two revisions of a local git checkout. Nothing is
 * checked out and no hook or diff driver runs: files are read with git's
 * plumbing commands.
 */
export async function loadLocalChange(params: {
  readonly repoDir: string;
  /** Undefined: main, else master, else the parent of head. */
  readonly base: string | undefined;
  readonly head: string;
  readonly maxBytes: number;
  readonly git?: Git;
}): Promise<LocalChange> {
  const git = params.git ?? createGit(params.repoDir);
  // One kept-open `git cat-file --batch` for both snapshots (an injected git is used as it is).
  const readBlob = params.git ? {} : { readBlob: createGitBlobReader({ cwd: params.repoDir }) };
  try {
    await git(["rev-parse", "--git-dir"]);
  } catch (error) {
    throw new UsageError(`${params.repoDir} is not a git repository; pass --repo with the path of a git checkout.`, { cause: error });
  }
  const notices: Notice[] = [];
  const headSha = await resolveOrExplain(git, params.head, "--head");
  let baseSha: string;
  if (params.base !== undefined) {
    baseSha = await resolveOrExplain(git, params.base, "--base");
  } else {
    baseSha = await defaultBase(git, params.head, notices);
  }
  let mergeBase = baseSha;
  try {
    mergeBase = (await git(["merge-base", baseSha, headSha])).toString("utf8").trim() || baseSha;
  } catch {
    notices.push({ message: "The base and head revisions have no common ancestor; the head was compared with the base as it is." });
  }
  const { files, problems } = parseUnifiedDiff(await gitDiff(git, mergeBase, headSha));
  notices.push(...problems);
  return {
    base: createGitFileSource({ git, sha: mergeBase, maxBytes: params.maxBytes, label: "base", ...readBlob }),
    head: createGitFileSource({ git, sha: headSha, maxBytes: params.maxBytes, label: "head", ...readBlob }),
    diff: files,
    baseSha: mergeBase,
    headSha,
    notices,
    withMaxBytes: (maxBytes) => ({
      base: createGitFileSource({ git, sha: mergeBase, maxBytes, label: "base", ...readBlob }),
      head: createGitFileSource({ git, sha: headSha, maxBytes, label: "head", ...readBlob }),
    }),
  };
}

async function resolveOrExplain(git: Git, ref: string, flag: string): Promise<string> {
  try {
    return await resolveRevision(git, ref);
  } catch (error) {
    if (error instanceof UnknownRevisionError) {
      throw new UsageError(`${flag} ${ref}: no such branch, tag or commit in this repository. Check the name, or run \`git fetch\` first.`, { cause: error });
    }
    throw error;
  }
}

async function defaultBase(git: Git, head: string, notices: Notice[]): Promise<string> {
  for (const candidate of ["main", "master"]) {
    try {
      return await resolveRevision(git, candidate);
    } catch {
      // try the next one
    }
  }
  try {
    const parent = await resolveRevision(git, `${head}~1`);
    notices.push({ message: `No main or master branch: compared ${head} with its parent commit. Pass --base to choose.` });
    return parent;
  } catch (error) {
    throw new UsageError("No base revision: there is no main or master branch and the head has no parent. Pass --base REF.", { cause: error });
  }
}
