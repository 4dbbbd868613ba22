/**
 * Benchmark (not a test): the model stages of `patchsmith demo` with a real
 * model, per stage, from the review's own stats. Time on a shared CPU moves
 * with the load (printed beside it); the token counts are the stable measure.
 *
 *   npm run build
 *   npm run bench:demo-model -- --model ~/.cache/patchsmith/models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf [--json out.json]
 *
 * Prints: the model stages' time (fixes and findings, tests), calls, prompt
 * tokens (and those evaluated: the rest a reused prefix), answer tokens and
 * seconds per call per stage; whether cart.ts's TS2322 got a validated model
 * edit keeping `Math.round(total * (1 - rate))`; how many generated tests were
 * delivered; the load average before and after.
 */
import { existsSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDemoRepository, DEMO_DIR } from "../src/cli/demo-command.js";
import { run } from "./real-repos/exec.js";

const projectRoot = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({ options: { model: { type: "string" }, json: { type: "string" }, patchsmith: { type: "string", default: path.join(projectRoot, "dist", "cli", "main.js") } }, strict: true });
const model = values.model ?? process.env.PATCHSMITH_MODEL;
if (model === undefined || !existsSync(model)) throw new Error("--model FILE: a GGUF file is needed (or PATCHSMITH_MODEL).");
if (!existsSync(values.patchsmith)) throw new Error(`${values.patchsmith} does not exist: run \`npm run build\` first.`);

interface Totals { calls: number; promptTokens: number; promptTokensEvaluated: number; answerTokens: number; ms: number }
interface Review {
  stats: { timings: Record<string, number>; model?: Totals & { stages: Record<string, Totals> } };
  findings: { path: string; rule: string; suggestion?: { origin: string; edit: { replacement: string } } }[];
  tests?: { tests: { path: string }[]; untested: unknown[] };
}

const load = (): string => os.loadavg().map((n) => n.toFixed(2)).join(", ");
const dir = await createDemoRepository(DEMO_DIR);
const loadBefore = load();
try {
  const result = await run(process.execPath, [values.patchsmith, "review", "--base", "main", "--head", "feature", "--format", "json", "--quiet"], {
    cwd: dir,
    env: { ...process.env, PATCHSMITH_MODEL: path.resolve(model) },
    timeoutMs: 3_600_000,
  });
  const review = JSON.parse(result.stdout) as Review;
  const { timings, model: usage } = review.stats;
  const seconds = (ms: number | undefined): string => `${((ms ?? 0) / 1000).toFixed(1)} s`;
  const line = (t: Totals): string => `${t.calls} calls, prompt ${t.promptTokens} tokens (${t.promptTokensEvaluated} evaluated), answer ${t.answerTokens} tokens, ${t.calls > 0 ? (t.ms / 1000 / t.calls).toFixed(1) : "0"} s per call`;
  const fix = review.findings.find((f) => f.path.endsWith("cart.ts") && f.rule === "ts/TS2322")?.suggestion;
  const kept = fix?.origin === "model" && /Math\.round\(total \* \(1 - rate\)\)/.test(fix.edit.replacement);
  const out = [
    `model stages (fixes + findings, then tests): ${seconds((timings.model ?? 0) + (timings.tests ?? 0))} (model ${seconds(timings.model)}, tests ${seconds(timings.tests)}); review process ${seconds(result.ms)}`,
    `load average (1, 5, 15 min) before: ${loadBefore}; after: ${load()}`,
    ...(usage ? [`all: ${line(usage)}`, ...Object.entries(usage.stages).map(([stage, t]) => `  ${stage}: ${line(t)}`)] : ["no model calls reported"]),
    `cart.ts TS2322: ${kept ? "fixed by a validated model edit keeping Math.round(total * (1 - rate))" : fix ? `suggestion (${fix.origin}): ${fix.edit.replacement}` : "no suggestion"}`,
    `generated tests delivered: ${review.tests?.tests.length ?? 0}`,
  ];
  process.stdout.write(`${out.join("\n")}\n`);
  if (values.json !== undefined) await writeFile(values.json, `${JSON.stringify({ loadBefore, loadAfter: load(), review }, null, 2)}\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
