/**
 * Benchmark (not a test): the review engine on the main thread against the
 * same engine in a worker thread (createThreadedReviewChange), on a generated
 * project where every module changes (test/pipeline/worker/generate-project.ts).
 *   npm run bench:engine-thread [-- --modules 40 --runs 3]
 * For each: review wall time (median, after one warm-up review), the worker's
 * own analysis time, and the main thread's event-loop delay while reviews run
 * (perf_hooks.monitorEventLoopDelay: p50, p99, max), which is what webhook
 * answers, queue lock renewals and progress updates wait behind.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout } from "node:timers/promises";
import { parseArgs } from "node:util";
import { defaultRepoConfig } from "../src/config/repo-config.js";
import { reviewChange } from "../src/pipeline/review-change.js";
import type { ReviewChange, ReviewChangeParams } from "../src/pipeline/review-types.js";
import { createThreadedReviewChange } from "../src/pipeline/worker/create-threaded-review-change.js";
import type { FileSource } from "../src/types.js";
import { generateProject } from "../test/pipeline/worker/generate-project.js";

const { values } = parseArgs({ options: { modules: { type: "string", default: "40" }, runs: { type: "string", default: "3" } } });
const modules = Number(values.modules);
const runs = Number(values.runs);

const project = generateProject(modules);
const source = (files: Readonly<Record<string, string>>): FileSource => ({
  description: "memory",
  readText: (path) => Promise.resolve(files[path] === undefined ? { kind: "missing" } : { kind: "text", text: files[path] }),
  listPaths: () => Promise.resolve(Object.keys(files)),
});
const params: ReviewChangeParams = { base: source(project.base), head: source(project.head), diff: project.diff, config: defaultRepoConfig };

interface Figures {
  readonly firstMs: number;
  readonly wallMs: number;
  readonly analyzeMs: number;
  readonly findings: number;
  readonly delay: { readonly p50: number; readonly p99: number; readonly max: number };
}

async function measure(engine: ReviewChange): Promise<Figures> {
  // One warm-up review: TypeScript's lib files and ESLint's rules load once per thread.
  let start = performance.now();
  await engine(params);
  const firstMs = performance.now() - start;
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const walls: number[] = [];
  const analyses: number[] = [];
  let findings = 0;
  histogram.enable();
  for (let i = 0; i < runs; i++) {
    // Let the loop turn between reviews (in-memory files never make it turn), so the monitor records each stall.
    await setTimeout(20);
    start = performance.now();
    const result = await engine(params);
    walls.push(performance.now() - start);
    analyses.push(result.stats.timings.analyze ?? Number.NaN);
    findings = result.findings.length;
  }
  await setTimeout(20);
  histogram.disable();
  const ms = (ns: number): number => ns / 1e6;
  return {
    firstMs,
    wallMs: median(walls),
    analyzeMs: median(analyses),
    findings,
    delay: { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) },
  };
}

const inThread = await measure(reviewChange);
const threadedEngine = createThreadedReviewChange({ poolSize: 1 });
const threaded = await measure(threadedEngine);
await threadedEngine.close();

console.log(`project: ${modules} modules, each changed (${project.diff.length} files in the diff); ${runs} reviews after one warm-up, Node ${process.version}`);
for (const [label, figures] of [["in-thread", inThread], ["threaded", threaded]] as const) {
  console.log(
    `${label.padEnd(9)}: first review ${figures.firstMs.toFixed(0)} ms; review median ${figures.wallMs.toFixed(0)} ms (analysis ${figures.analyzeMs.toFixed(0)} ms, ${figures.findings} findings); ` +
      `main-thread event-loop delay p50 ${figures.delay.p50.toFixed(1)} ms, p99 ${figures.delay.p99.toFixed(1)} ms, max ${figures.delay.max.toFixed(1)} ms`,
  );
}
console.log(`longest main-thread stall: ${(inThread.delay.max / threaded.delay.max).toFixed(0)}x shorter threaded; review wall time ${((threaded.wallMs / inThread.wallMs - 1) * 100).toFixed(0)}% ${threaded.wallMs >= inThread.wallMs ? "longer" : "shorter"}`);

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
