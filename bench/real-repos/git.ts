import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { runOk } from "./exec.js";

export interface Commit {
  readonly sha: string;
  readonly subject: string;
}

/** Repo-relative posix path -> the new-side line numbers the commit added. */
export type AddedLines = ReadonlyMap<string, ReadonlySet<number>>;

// No hooks, no pager, no external diff or textconv driver from anyone's config runs.
const SAFE = ["-c", "core.hooksPath=/dev/null", "-c", "core.quotePath=false", "-c", "core.fsmonitor=false"];

export async function git(dir: string, args: readonly string[], timeoutMs = 10 * 60_000): Promise<string> {
  return (await runOk("git", [...SAFE, "-C", dir, ...args], { cwd: dir, timeoutMs })).stdout;
}

/** The last `count` non-merge commits reachable from `ref` that touch .ts/.tsx files and have a parent. */
export async function listCommits(repo: string, ref: string, count: number): Promise<Commit[]> {
  const out = await git(repo, ["log", "--no-merges", "--format=%H%x09%P%x09%s", `-n${count}`, ref, "--", "*.ts", "*.tsx"]);
  const commits: Commit[] = [];
  for (const line of out.split("\n")) {
    const [sha, parents, ...subject] = line.split("\t");
    if (sha === undefined || sha === "" || parents === undefined || parents === "") continue;
    commits.push({ sha, subject: subject.join("\t") });
  }
  return commits;
}

/** The lines each file gained in `sha` compared with its first parent, from `git diff -U0`. */
export async function addedLines(repo: string, sha: string): Promise<AddedLines> {
  const diff = await git(repo, ["diff", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", "-M", "--src-prefix=a/", "--dst-prefix=b/", `${sha}^`, sha]);
  return parseAddedLines(diff);
}

export function parseAddedLines(diff: string): Map<string, Set<number>> {
  const added = new Map<string, Set<number>>();
  let current: Set<number> | undefined;
  for (const line of diff.split("\n")) {
    if (line.startsWith("+++ ")) {
      const name = unquote(line.slice(4));
      if (name === "/dev/null" || !name.startsWith("b/")) {
        current = undefined;
      } else {
        const file = name.slice(2);
        current = added.get(file) ?? new Set<number>();
        added.set(file, current);
      }
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk !== null && current !== undefined) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      for (let n = start; n < start + count; n++) current.add(n);
    }
  }
  return added;
}

/** git quotes a path with unusual characters as a C string ("b/a\tb.ts"). */
function unquote(name: string): string {
  const trimmed = name.replace(/\t$/, "");
  if (!trimmed.startsWith('"') || !trimmed.endsWith('"')) return trimmed;
  const body = trimmed.slice(1, -1);
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, '"': 34, "\\": 92, a: 7, b: 8, f: 12, r: 13, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? "";
    if (ch !== "\\") {
      bytes.push(...Buffer.from(ch, "utf8"));
      continue;
    }
    const next = body[i + 1] ?? "";
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/**
 * A clone of `source` in `dir` that shares its objects (`git clone --shared`),
 * made once and reused by later runs; nothing is checked out yet.
 */
export async function ensureSharedClone(source: string, dir: string): Promise<void> {
  if (existsSync(path.join(dir, ".git"))) return;
  await mkdir(path.dirname(dir), { recursive: true });
  await runOk("git", [...SAFE, "clone", "--quiet", "--shared", "--no-checkout", source, dir], { cwd: path.dirname(dir), timeoutMs: 10 * 60_000 });
}

/**
 * Checks out `sha` (detached) with a clean tree: tracked files reset, every
 * untracked or ignored file removed except paths matching `keep` (gitignore
 * patterns, e.g. "node_modules", which matches at every depth).
 */
export async function checkoutClean(dir: string, sha: string, keep: readonly string[]): Promise<void> {
  const exclude = keep.flatMap((pattern) => ["-e", pattern]);
  await git(dir, ["clean", "-fdxq", ...exclude]);
  await git(dir, ["checkout", "--quiet", "--force", "--detach", sha]);
  await git(dir, ["clean", "-fdxq", ...exclude]);
}

/** Restores one tracked file to its checked-out content. */
export async function restoreFile(dir: string, file: string): Promise<void> {
  await git(dir, ["checkout", "--quiet", "--force", "HEAD", "--", file]);
}
