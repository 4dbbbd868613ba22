/**
 * Benchmark (not a test): review time in a long-running process (the App, a
 * worker), where the dependency declarations are already acquired and
 * parsed, against the first review of the same commit in a fresh process.
 *
 *   npm run bench:warm-review -- --repo /tmp/realrepos/got --commits 5 [--tsc DIR] [--next]
 *
 * For each of the last N commits touching .ts files: review it once (cold:
 * the first review of the process pays for acquisition and parsing), then
 * again (warm), through the same engine and environment provider the CLI
 * uses (PATCHSMITH_TYPES and friends apply). Prints both, per stage, and the
 * median warm time. With --next, each commit is reviewed once, oldest first, and
 * every review after the first is the warm one (new text, nothing of it cached:
 * what the App's next review of another push pays). With --tsc DIR (a checkout with the project's dependencies
 * installed, such as bench/real-repos.ts's ground-truth clone), the project's
 * own cold tsc (`--noEmit`, or `-b --force` for a solution root) is run there
 * three times in the same session, and the ratio of the medians printed: on a
 * shared machine only figures taken together compare.
 */
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { readAppSettings } from "../src/config/app-settings.js";
import { defaultRepoConfig } from "../src/config/repo-config.js";
import { loadLocalChange } from "../src/cli/load-local-change.js";
import { createEnvironmentProvider } from "../src/environment/create-environment-provider.js";
import { reviewChange } from "../src/pipeline/review-change.js";
import { planTypeCheck, runTypeCheck } from "./real-repos/tsc.js";

const { values } = parseArgs({ options: { repo: { type: "string" }, commits: { type: "string", default: "5" }, tsc: { type: "string" }, next: { type: "boolean", default: false } } });
if (values.repo === undefined) throw new Error("--repo DIR is required");
const repoDir = values.repo;
const environment = createEnvironmentProvider({ settings: readAppSettings(process.env).types, env: process.env });
const shas = execFileSync("git", ["-C", repoDir, "log", "--no-merges", "--format=%H", `-n${values.commits}`, "--", "*.ts", "*.tsx"], { encoding: "utf8" }).trim().split("\n").filter(Boolean);

const rows: { sha: string; files: number; cold: number; warm: number; stages: Record<string, number> }[] = [];
if (values.next) {
  // --next: each commit reviewed once, oldest first, in one process: the first pays for everything (cold); each later one
  // is warm the way the App's next review is (declarations parsed, linters built) but sees new text (no lint result cached).
  let first = true;
  for (const sha of [...shas].reverse()) {
    const change = await loadLocalChange({ repoDir, base: `${sha}^`, head: sha, maxBytes: defaultRepoConfig.maxFileBytes });
    const started = performance.now();
    const result = await reviewChange({ base: change.base, head: change.head, diff: change.diff, config: defaultRepoConfig, ...(environment ? { environment } : {}) });
    const ms = Math.round(performance.now() - started);
    console.log(`${sha.slice(0, 7)}  files ${change.diff.length}  ${first ? "first (cold)" : "warm"} ${ms} ms  stages ${JSON.stringify(result.stats.timings)}`);
    if (!first) rows.push({ sha: sha.slice(0, 7), files: change.diff.length, cold: 0, warm: ms, stages: result.stats.timings });
    first = false;
  }
}
for (const sha of values.next ? [] : shas) {
  const change = await loadLocalChange({ repoDir, base: `${sha}^`, head: sha, maxBytes: defaultRepoConfig.maxFileBytes });
  const run = async () => {
    const started = performance.now();
    const result = await reviewChange({ base: change.base, head: change.head, diff: change.diff, config: defaultRepoConfig, ...(environment ? { environment } : {}) });
    return { ms: performance.now() - started, result };
  };
  const cold = await run();
  const warm = await run();
  rows.push({ sha: sha.slice(0, 7), files: change.diff.length, cold: Math.round(cold.ms), warm: Math.round(warm.ms), stages: warm.result.stats.timings });
  console.log(`${sha.slice(0, 7)}  files ${change.diff.length}  first ${Math.round(cold.ms)} ms  warm ${Math.round(warm.ms)} ms  warm stages ${JSON.stringify(warm.result.stats.timings)}  environment ${JSON.stringify(cold.result.stats.environment ?? {})}`);
}
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const warm = median(rows.map((r) => r.warm));
console.log(`median warm review: ${warm} ms over ${rows.length} commits`);
// The target's measure: a small commit (1-5 files), as most pushes to a pull request are.
const small = rows.filter((r) => r.files <= 5);
const smallWarm = median(small.map((r) => r.warm));
if (small.length > 0) console.log(`median warm review of 1-5-file commits: ${smallWarm} ms over ${small.length} commits`);
if (values.tsc !== undefined) {
  const plan = await planTypeCheck(values.tsc);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) times.push(Math.round((await runTypeCheck(values.tsc, plan, { timeoutMs: 600_000, listFiles: false, forceBuild: true })).ms));
  const cold = median(times);
  console.log(`cold tsc (${plan.steps.map((s) => s.config).join(", ")}), median of ${times.join(", ")} ms: ${cold} ms; warm review / cold tsc = ${(warm / cold).toFixed(2)}x${small.length > 0 ? `, 1-5-file commits ${(smallWarm / cold).toFixed(2)}x` : ""}`);
}
