/**
 * How the likelihood check (src/review/likely-bugs.ts) weighs the rewrites of
 * the bug and control cases of bench/model-cases, without a review around it:
 * every rewrite's margin (nats the rewrite wins by), and at each threshold the
 * planted bugs found, the findings on bug cases that are not the bug, and the
 * findings on controls. Use it to choose PATCHSMITH's threshold; the whole
 * review is measured by `npm run bench:model`.
 *
 *   npm run bench:likely-bugs -- --model ~/.cache/patchsmith/models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf [--threads 2] [--json out.json] [--only id]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import ts from "typescript";
import { getLlama, LlamaLogLevel } from "node-llama-cpp";
import { listSuspectRewrites } from "../src/analyze/suspect-rewrites.js";
import { scoreContinuations } from "../src/llm/llama/score-continuations.js";
import { contextFilesFor, recentText } from "../src/review/likely-bug-context.js";
import { likelihoodPrefix } from "../src/llm/prompts/likelihood-prefix.js";
import { describeLikelyBug, weighRewrites, type LikelyBug } from "../src/review/likely-bugs.js";
import { findsBug } from "./model/judge-review.js";
import { loadCases, type ModelCase } from "./model/load-cases.js";

const { values } = parseArgs({ options: { model: { type: "string" }, threads: { type: "string" }, json: { type: "string" }, only: { type: "string", multiple: true }, cases: { type: "string" }, calibrate: { type: "boolean", default: false } } });
if (values.model === undefined) throw new Error("--model PATH: a GGUF file");

function addedLines(c: ModelCase, file: string): Set<number> {
  const head = c.head.get(file) ?? "";
  const base = c.base.get(file);
  const count = head.split("\n").length;
  if (base === undefined) return new Set(Array.from({ length: count }, (_, i) => i + 1));
  const dir = mkdtempSync(path.join(tmpdir(), "likely-"));
  writeFileSync(path.join(dir, "a"), base);
  writeFileSync(path.join(dir, "b"), head);
  let out = "";
  try {
    execFileSync("git", ["diff", "--no-index", "-U0", "a", "b"], { cwd: dir, encoding: "utf8" });
  } catch (error) {
    out = (error as { stdout?: string }).stdout ?? "";
  }
  rmSync(dir, { recursive: true });
  const lines = new Set<number>();
  for (const m of out.matchAll(/^@@ -\S+ \+(\d+)(?:,(\d+))? @@/gm)) for (let i = 0; i < Number(m[2] ?? 1); i++) lines.add(Number(m[1]) + i);
  return lines;
}

function program(c: ModelCase): { program: ts.Program; root: string } {
  const root = mkdtempSync(path.join(tmpdir(), `likely-${c.id}-`));
  for (const [file, text] of c.head) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (config === undefined) throw new Error(`${c.id}: no tsconfig`);
  return { program: ts.createProgram(config.fileNames, config.options), root };
}

const llama = await getLlama({ build: "never", gpu: false, logLevel: LlamaLogLevel.error });
const model = await llama.loadModel({ modelPath: values.model });
const context = await model.createContext({ contextSize: 8192, ...(values.threads === undefined ? {} : { threads: Number(values.threads) }) });
const sequence = context.getSequence();
const signal = new AbortController().signal;

const cases = (await loadCases(values.cases === undefined ? undefined : path.resolve(values.cases))).filter((c) => (c.category === "bug" || c.category === "control") && (values.only === undefined || values.only.includes(c.id)));
const rows: { id: string; category: string; seconds: number; tokens: number; rewrites: number; margins: { line: number; kind: string; after: string; margin: number; local: number }[]; best: (LikelyBug & { finds: boolean })[] }[] = [];
for (const c of cases) {
  const started = performance.now();
  const { program: p, root } = program(c);
  const changed = [...c.head.keys()].filter((f) => /\.tsx?$/.test(f) && c.head.get(f) !== c.base.get(f));
  const row = { id: c.id, category: c.category, seconds: 0, tokens: 0, rewrites: 0, margins: [] as { line: number; kind: string; after: string; margin: number; local: number }[], best: [] as (LikelyBug & { finds: boolean })[] };
  for (const file of changed) {
    const source = p.getSourceFile(path.join(root, file));
    if (source === undefined) continue;
    const rewrites = listSuspectRewrites({ source, checker: p.getTypeChecker(), lines: addedLines(c, file) });
    row.rewrites += rewrites.length;
    const text = c.head.get(file) ?? "";
    const contextFiles = contextFilesFor(file, text, (f) => c.head.get(f), new Set(c.head.keys()));
    const weighed = await weighRewrites({
      text,
      rewrites,
      threshold: Number.NEGATIVE_INFINITY,
      localThreshold: Number.NEGATIVE_INFINITY,
      score: async (textBefore, continuations) => {
        const scored = await scoreContinuations({ model, sequence, prefix: likelihoodPrefix({ context: contextFiles, path: file, textBefore: recentText(textBefore) }), continuations, signal });
        row.tokens += scored.evaluated;
        if (!values.calibrate) return scored.logProbs;
        // Contextual calibration: the same lines with nothing before them; what the model prefers there is its prior, not evidence.
        const alone = await scoreContinuations({ model, sequence, prefix: likelihoodPrefix({ context: [], path: file, textBefore: "" }), continuations, signal });
        row.tokens += alone.evaluated;
        return scored.logProbs.map((lp, i) => lp - (alone.logProbs[i] ?? 0));
      },
    });
    for (const m of weighed.margins) row.margins.push({ line: m.rewrite.startLine, kind: m.rewrite.kind, after: m.rewrite.after, margin: Number(m.margin.toFixed(2)), local: Number((m.local ?? 0).toFixed(2)) });
    for (const bug of weighed.bugs) {
      const finding = { path: file, startLine: bug.rewrite.startLine, line: bug.rewrite.endLine, severity: "warning", rule: "model/likely-bug", message: describeLikelyBug(bug) };
      row.best.push({ ...bug, finds: findsBug(c, finding) });
    }
  }
  rmSync(root, { recursive: true });
  row.seconds = (performance.now() - started) / 1000;
  rows.push(row);
  const top = [...row.best].sort((a, b) => b.margin - a.margin).slice(0, 3).map((b) => `${b.finds ? "*" : ""}${b.margin.toFixed(1)} (edit ${(b.local ?? 0).toFixed(1)}) ${b.rewrite.kind} L${b.rewrite.startLine} \`${b.rewrite.after}\``);
  console.log(`${c.id.padEnd(34)} ${String(row.rewrites).padStart(3)} rewrites ${row.tokens} tok ${row.seconds.toFixed(1)} s | ${top.join(" | ")}`);
}

console.log("\nthreshold  bugs found  other findings on bug cases  findings on controls (cases)");
for (const localThreshold of [Number.NEGATIVE_INFINITY, -2, 0]) {
  console.log(`with the edit itself winning by ${localThreshold} or more:`);
  for (const threshold of [1, 2, 3, 4, 5, 6, 7, 8]) {
    const wins = (b: { margin: number; local?: number }): boolean => b.margin >= threshold && (b.local ?? 0) >= localThreshold;
    const found = rows.filter((r) => r.category === "bug" && r.best.some((b) => b.finds && wins(b))).length;
    const other = rows.filter((r) => r.category === "bug").reduce((n, r) => n + r.best.filter((b) => !b.finds && wins(b)).length, 0);
    const controls = rows.filter((r) => r.category === "control").reduce((n, r) => n + r.best.filter((b) => wins(b)).length, 0);
    const controlCases = rows.filter((r) => r.category === "control" && r.best.some((b) => wins(b))).length;
    console.log(`${String(threshold).padStart(9)}  ${found}/${rows.filter((r) => r.category === "bug").length}`.padEnd(24) + `${other}`.padEnd(30) + `${controls} (${controlCases}/${rows.filter((r) => r.category === "control").length})`);
  }
}
if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify(rows, null, 2)}\n`);
await context.dispose();
await model.dispose();
