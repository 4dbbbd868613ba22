/**
 * Benchmark (not a test): the model stage of patchsmith on a case set written
 * for it (bench/model-cases/, described in bench/model/load-cases.ts), judged
 * by the rules in bench/model/judge-review.ts.
 *
 *   npm run build
 *   npm run bench:model -- --model ~/.cache/patchsmith/models/<file>.gguf [--model other.gguf]
 *                          [--only CASE-ID ...] [--limit N] [--json out.json] [--run-tests]
 *
 * For each model and each case:
 *  1. a throwaway git repository with the case's base and head commits;
 *  2. the product through its public entry point: `node dist/cli/main.js
 *     review --base base --head HEAD --format json` with PATCHSMITH_MODEL set
 *     and PATCHSMITH_TYPES=off (nothing is fetched), so the bench keeps
 *     working while the pipeline behind it changes;
 *  3. the review's JSON read defensively and judged against the case;
 * then, per model: fixes validated / fix tasks (and how many keep what the
 * code computes), echoed diagnostics, findings on control changes, planted
 * bugs found and precision, model errors without a validated edit, tests
 * delivered / asked (type-checked the first time, after repair, passing when
 * the product ran them), and what the model cost.
 *
 * Without --model (and without PATCHSMITH_MODEL) the reviews run with the
 * deterministic checks only: a calibration of the case set (every diagnostic
 * case's diagnostic reported without a deterministic fix, controls clean).
 *
 * Options:
 *  --model FILE     a GGUF file; repeat to compare models (default: $PATCHSMITH_MODEL)
 *  --only ID        run only this case (repeatable)
 *  --limit N        the first N cases taken in turn from each category (diagnostic,
 *                   bug, control, tests), so a subset keeps every kind
 *  --json FILE      write every case's record and the summaries (default .bench-out/model.json)
 *  --run-tests      let the product run generated tests (PATCHSMITH_TESTS_RUN=true;
 *                   it needs `npm ci`, so only cases whose package.json has no
 *                   dependencies, or a lockfile, can run)
 *  --threads N      PATCHSMITH_THREADS for the model
 *  --findings X     PATCHSMITH_MODEL_FINDINGS (default on: the bench measures the model's own
 *                   findings; the product's default, auto, turns them off on a CPU)
 *  --trace FILE     PATCHSMITH_MODEL_TRACE: every prompt and answer appended to FILE as JSON lines
 *  --tests-node P   PATCHSMITH_TESTS_NODE: the node that runs node:test files (TypeScript needs 22.6+)
 *  --timeout S      seconds per review (default 900)
 *  --cases DIR      the case set (default bench/model-cases)
 *  --from FILE      print the summaries of earlier runs' JSON and run nothing; repeat to
 *                   merge runs of the same model (records summarised together)
 *  --patchsmith F   the CLI (default dist/cli/main.js of this checkout)
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { run } from "./real-repos/exec.js";
import { checkCases } from "./model/check-cases.js";
import { CATEGORIES, DEFAULT_CASES_DIR, loadCases, type ModelCase } from "./model/load-cases.js";
import { runCase } from "./model/run-case.js";
import { type CaseRecord, formatSummary, recordCase, summarize, type Summary } from "./model/summarize.js";

const projectRoot = path.resolve(import.meta.dirname, "..");

const { values } = parseArgs({
  options: {
    model: { type: "string", multiple: true },
    only: { type: "string", multiple: true },
    limit: { type: "string" },
    json: { type: "string", default: path.join(projectRoot, ".bench-out", "model.json") },
    "run-tests": { type: "boolean", default: false },
    threads: { type: "string" },
    findings: { type: "string", default: "on" },
    trace: { type: "string" },
    "tests-node": { type: "string" },
    timeout: { type: "string", default: "900" },
    cases: { type: "string", default: DEFAULT_CASES_DIR },
    patchsmith: { type: "string", default: path.join(projectRoot, "dist", "cli", "main.js") },
    from: { type: "string", multiple: true },
  },
  strict: true,
  allowPositionals: false,
});

const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(2);
};
const positive = (name: string, text: string): number => {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : fail(`--${name} ${text}: expected a whole number above 0`);
};

if (values.from !== undefined) {
  // Records of the same model across several runs (say, a subset run in parts) are summarised together.
  const merged = new Map<string, CaseRecord[]>();
  for (const file of values.from) {
    const earlier = JSON.parse(await readFile(path.resolve(file), "utf8")) as { models?: { model: string; description?: string; records: CaseRecord[] }[] };
    for (const m of earlier.models ?? []) {
      const key = m.description ?? m.model;
      const records = merged.get(key) ?? [];
      for (const r of m.records) {
        // A case reviewed in a later run replaces one that got no review (a timeout) in an earlier one.
        const seen = records.findIndex((other) => other.id === r.id);
        if (seen === -1) records.push(r);
        else if (records[seen]?.error !== undefined && r.error === undefined) records[seen] = r;
      }
      merged.set(key, records);
    }
  }
  for (const [model, records] of merged) process.stdout.write(`${formatSummary(model, summarize(records))}  cases: ${records.map((r) => r.id).join(", ")}\n\n`);
  process.exit(0);
}

const cli = path.resolve(values.patchsmith);
if (!existsSync(cli)) fail(`${cli} does not exist: run \`npm run build\` first (or pass --patchsmith).`);
const models: (string | undefined)[] = (values.model ?? (process.env.PATCHSMITH_MODEL === undefined ? [] : [process.env.PATCHSMITH_MODEL])).map((m) => path.resolve(m));
for (const m of models) if (m !== undefined && !existsSync(m)) fail(`--model ${m}: no such file.`);
if (models.length === 0) models.push(undefined);
const timeoutMs = positive("timeout", values.timeout) * 1000;
if (!["auto", "on", "off"].includes(values.findings)) fail(`--findings ${values.findings}: expected auto, on or off`);
const env: Record<string, string> = { PATCHSMITH_MODEL_FINDINGS: values.findings, ...(values.trace === undefined ? {} : { PATCHSMITH_MODEL_TRACE: path.resolve(values.trace) }), ...(values["tests-node"] === undefined ? {} : { PATCHSMITH_TESTS_NODE: path.resolve(values["tests-node"]) }), ...(values.threads === undefined ? {} : { PATCHSMITH_THREADS: String(positive("threads", values.threads)) }) };

/** Round-robin over the categories, so `--limit` keeps every kind of case. */
function interleave(cases: readonly ModelCase[]): ModelCase[] {
  const queues = CATEGORIES.map((category) => cases.filter((c) => c.category === category));
  const out: ModelCase[] = [];
  while (queues.some((q) => q.length > 0)) for (const q of queues) {
    const next = q.shift();
    if (next) out.push(next);
  }
  return out;
}

const all = await loadCases(path.resolve(values.cases));
const problems = checkCases(all);
if (problems.length > 0) fail(`The case set is not sound:\n  ${problems.join("\n  ")}`);
let selected = interleave(all);
if (values.only !== undefined) {
  const wanted = new Set(values.only);
  for (const id of wanted) if (!all.some((c) => c.id === id)) fail(`--only ${id}: no such case.`);
  selected = selected.filter((c) => wanted.has(c.id));
}
if (values.limit !== undefined) selected = selected.slice(0, positive("limit", values.limit));

const startedAt = new Date().toISOString();
const revision = (await run("git", ["rev-parse", "HEAD"], { cwd: projectRoot })).stdout.trim();
const log = (text: string): void => {
  process.stderr.write(`${text}\n`);
};
const perModel: { model: string; description?: string; summary: Summary; records: CaseRecord[] }[] = [];
const jsonPath = path.resolve(values.json);

async function writeJson(): Promise<void> {
  await mkdir(path.dirname(jsonPath), { recursive: true });
  const report = { startedAt, patchsmith: { cli, revision }, options: { limit: values.limit, only: values.only, runTests: values["run-tests"], threads: values.threads, findings: values.findings }, cases: selected.map((c) => c.id), models: perModel };
  await writeFile(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
}

// Stopped early (Ctrl-C, a timeout): the figures of the cases that finished, then out.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    const current = perModel.at(-1);
    if (current) process.stdout.write(`\nstopped after ${current.records.length} case(s):\n${formatSummary(current.description ?? current.model, current.summary)}`);
    process.exit(130);
  });
}
log(`${selected.length} of ${all.length} cases, ${models.length} model(s); patchsmith ${revision.slice(0, 10)}`);
for (const model of models) {
  const name = model ?? "none (deterministic checks only: a calibration of the case set)";
  log(`\n== ${name}`);
  const records: CaseRecord[] = [];
  let description: string | undefined;
  const entry = { model: name, summary: summarize(records), records };
  perModel.push(entry);
  for (const [index, c] of selected.entries()) {
    const result = await runCase(c, { cli, ...(model === undefined ? {} : { model }), runTests: values["run-tests"], timeoutMs, env });
    description ??= result.review?.model;
    const record = recordCase(c, result);
    records.push(record);
    const bits = [
      record.error === undefined ? `${record.modelFindings.length} model finding(s)` : `ERROR ${record.error}`,
      record.fix ? `fix: ${!record.fix.reported ? "diagnostic not reported" : record.fix.deterministic ? "deterministic" : record.fix.validated ? (record.fix.keeps ? "validated, keeps" : `validated, ${record.fix.lost.join("; ")}`) : "none"}` : "",
      record.bugFound === undefined ? "" : `bug ${record.bugFound ? "found" : "missed"}`,
      record.tests ? `tests ${record.tests.delivered}/${record.tests.asked} (${record.tests.execution})` : "",
      record.echoed > 0 ? `${record.echoed} echoed` : "",
      record.category === "control" && record.checkerFindings.length > 0 ? `checker findings: ${record.checkerFindings.join(", ")}` : "",
    ].filter((b) => b !== "");
    log(`[${index + 1}/${selected.length}] ${c.id} ${record.seconds.toFixed(1)} s: ${bits.join("; ")}`);
    Object.assign(entry, { summary: summarize(records), ...(description === undefined ? {} : { description }) });
    await writeJson();
  }
  process.stdout.write(`\n${formatSummary(description ?? name, entry.summary)}`);
}
log(`\nJSON: ${jsonPath}`);
