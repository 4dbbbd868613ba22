import type { ProbotOctokit } from "probot";
import type { FileSource, ReadResult } from "../types.js";
import { decodeFile, oversize } from "../workspace/decode-file.js";
import type { ConcurrencyLimit } from "./create-concurrency-limit.js";

interface TreeEntry {
  readonly path: string;
  readonly mode: string;
  readonly type: string;
  readonly sha: string;
  readonly size?: number;
}

/** Blob bytes by blob SHA, shared by the base and head sources of one review (unchanged files are fetched once). */
export type BlobCache = Map<string, Promise<Uint8Array>>;

/**
 * One commit of a GitHub repository as a FileSource, read through the git
 * trees and blobs API: the recursive tree of the commit is fetched once, each
 * blob lazily when it is first read (at most `limit` requests at once), and
 * decoded with the same rules as every other source (size limit, binary, UTF-8).
 * Symbolic links and submodules are skipped, never followed.
 */
export function createGitHubFileSource(params: {
  readonly octokit: Pick<ProbotOctokit, "rest">;
  readonly owner: string;
  readonly repo: string;
  /** The commit SHA of this snapshot. */
  readonly sha: string;
  readonly maxBytes: number;
  readonly limit: ConcurrencyLimit;
  readonly blobs?: BlobCache;
}): FileSource {
  const { octokit, owner, repo } = params;
  const blobs: BlobCache = params.blobs ?? new Map<string, Promise<Uint8Array>>();
  const subtrees = new Map<string, Promise<readonly TreeEntry[]>>();
  let root: Promise<{ readonly sha: string; readonly truncated: boolean; readonly entries: Map<string, TreeEntry> }> | undefined;

  const loadRoot = (): NonNullable<typeof root> =>
    (root ??= params.limit(async () => {
      const { data } = await octokit.rest.git.getTree({ owner, repo, tree_sha: params.sha, recursive: "1" });
      const entries = new Map<string, TreeEntry>();
      for (const entry of data.tree) entries.set(entry.path, toEntry(entry));
      return { sha: data.sha, truncated: data.truncated, entries };
    }));

  const listSubtree = (treeSha: string): Promise<readonly TreeEntry[]> => {
    let entries = subtrees.get(treeSha);
    if (entries === undefined) {
      entries = params.limit(async () => {
        const { data } = await octokit.rest.git.getTree({ owner, repo, tree_sha: treeSha });
        return data.tree.map(toEntry);
      });
      subtrees.set(treeSha, entries);
    }
    return entries;
  };

  /** A truncated recursive tree (over GitHub's 100,000 entries / 7 MB) misses paths: walk the directories instead. */
  const walk = async (rootSha: string, path: string): Promise<TreeEntry | undefined> => {
    const parts = path.split("/");
    let treeSha = rootSha;
    for (const [index, name] of parts.entries()) {
      const entry = (await listSubtree(treeSha)).find((e) => e.path === name);
      if (entry === undefined) return undefined;
      if (index === parts.length - 1) return { ...entry, path };
      if (entry.type !== "tree") return undefined;
      treeSha = entry.sha;
    }
    return undefined;
  };

  const findEntry = async (path: string): Promise<TreeEntry | undefined> => {
    const tree = await loadRoot();
    const entry = tree.entries.get(path);
    if (entry !== undefined || !tree.truncated) return entry;
    return walk(tree.sha, path);
  };

  const fetchBlob = (sha: string): Promise<Uint8Array> => {
    let bytes = blobs.get(sha);
    if (bytes === undefined) {
      bytes = params.limit(async () => {
        const { data } = await octokit.rest.git.getBlob({ owner, repo, file_sha: sha });
        return data.encoding === "base64" ? Buffer.from(data.content, "base64") : Buffer.from(data.content, "utf8");
      });
      bytes.catch(() => blobs.delete(sha));
      blobs.set(sha, bytes);
    }
    return bytes;
  };

  return {
    description: `github:${owner}/${repo}@${params.sha.slice(0, 12)}`,
    async listPaths() {
      const tree = await loadRoot();
      return [...tree.entries.values()].filter((e) => e.type === "blob").map((e) => e.path);
    },
    async readText(path): Promise<ReadResult> {
      const entry = await findEntry(path);
      if (entry === undefined || entry.type === "tree") return { kind: "missing" };
      if (entry.type === "commit") return { kind: "skipped", reason: `${path} is a git submodule; its contents are not reviewed` };
      if (entry.mode === "120000") return { kind: "skipped", reason: `${path} is a symbolic link; links are not followed` };
      if (entry.size !== undefined && entry.size > params.maxBytes) return oversize(path, entry.size, params.maxBytes);
      return decodeFile(path, await fetchBlob(entry.sha), params.maxBytes);
    },
  };
}

function toEntry(entry: { path: string; mode: string; type: string; sha: string; size?: number }): TreeEntry {
  return { path: entry.path, mode: entry.mode, type: entry.type, sha: entry.sha, ...(entry.size === undefined ? {} : { size: entry.size }) };
}
