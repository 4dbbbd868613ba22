import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { run, runOk } from "../real-repos/exec.js";
import type { ModelCase } from "./load-cases.js";
import { readReview, type ReadReview } from "./read-review.js";

export interface CaseRun {
  readonly review?: ReadReview;
  /** Why there is no review (the CLI failed, timed out, or printed no JSON). */
  readonly error?: string;
  /** Wall time of the `patchsmith review` process (model load included). */
  readonly ms: number;
  readonly exitCode: number | null;
  readonly stderrTail: string;
}

export interface RunCaseParams {
  readonly cli: string;
  /** The GGUF file; undefined runs the deterministic checks only (a calibration of the case set). */
  readonly model?: string;
  readonly runTests: boolean;
  readonly timeoutMs: number;
  /** Extra PATCHSMITH_* settings passed through (threads, context size). */
  readonly env: Readonly<Record<string, string>>;
}

async function writeFiles(root: string, files: ReadonlyMap<string, string>): Promise<void> {
  for (const [file, text] of files) {
    const target = path.join(root, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  }
}

const GIT_ENV = { GIT_AUTHOR_NAME: "bench", GIT_AUTHOR_EMAIL: "bench@example.invalid", GIT_COMMITTER_NAME: "bench", GIT_COMMITTER_EMAIL: "bench@example.invalid" };

/**
 * One case through the product's public entry point:
 *  1. a throwaway git repository: the base files committed and tagged `base`,
 *     then the head files (and deletions) committed on top;
 *  2. `node dist/cli/main.js review --base base --head HEAD --format json` in it,
 *     with PATCHSMITH_TYPES=off (nothing is fetched) and PATCHSMITH_MODEL set;
 *  3. the JSON read defensively; the repository removed.
 */
export async function runCase(c: ModelCase, params: RunCaseParams): Promise<CaseRun> {
  const root = await mkdtemp(path.join(os.tmpdir(), `patchsmith-model-bench-${c.id}-`));
  try {
    const git = async (...args: string[]): Promise<void> => {
      await runOk("git", ["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", ...args], { cwd: root, env: { ...process.env, ...GIT_ENV } });
    };
    await writeFiles(root, c.base);
    await git("init", "-q");
    await git("add", "-A");
    await git("commit", "-q", "-m", "base");
    await git("tag", "base");
    for (const file of c.base.keys()) if (!c.head.has(file)) await rm(path.join(root, file));
    await writeFiles(root, new Map([...c.head].filter(([file, text]) => c.base.get(file) !== text)));
    await git("add", "-A");
    await git("commit", "-q", "-m", c.title);

    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: process.env.HOME ?? os.homedir(),
      PATCHSMITH_TYPES: "off",
      ...(params.model === undefined ? {} : { PATCHSMITH_MODEL: params.model }),
      ...(params.runTests ? { PATCHSMITH_TESTS_RUN: "true" } : {}),
      ...params.env,
    };
    const result = await run(process.execPath, [params.cli, "review", "--base", "base", "--head", "HEAD", "--format", "json"], { cwd: root, env, timeoutMs: params.timeoutMs });
    const stderrTail = result.stderr.trimEnd().split("\n").slice(-5).join("\n");
    const common = { ms: result.ms, exitCode: result.code, stderrTail };
    if (result.timedOut) return { ...common, error: `timed out after ${Math.round(params.timeoutMs / 1000)} s` };
    try {
      return { ...common, review: readReview(result.stdout) };
    } catch (error) {
      return { ...common, error: `no JSON review (exit ${String(result.code)}): ${error instanceof Error ? error.message : String(error)}; ${stderrTail}` };
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
