/**
 * Benchmark (not a test): the model's own findings on the bug and control
 * cases of bench/model-cases, with the model loaded once. It runs the
 * product's model-findings step (`collectModelFindings`: the review prompt,
 * its grammar, the quote check, the echo filter, the warning cap and, with
 * --verify, the yes/no verification pass) on each case's changed hunks, and
 * judges the result by the rules of bench/model/judge-review.ts. It skips what
 * `npm run bench:model` adds around it (a git repository, ESLint and
 * TypeScript, one process and one model load per case): on the bug and
 * control cases the checkers report nothing (the calibration run shows it),
 * so the model sees the same prompt. Use it to compare prompts quickly; the
 * figures of record come from `npm run bench:model`.
 *
 *   npx tsx bench/review-findings.ts --model FILE.gguf [--threads 2] [--prefix bug- --prefix ctrl-]
 *                                    [--only ID ...] [--verify] [--json out.json]
 *
 * Edits the model proposes are not validated here (no checkers run): they
 * count as unvalidated advice, which is how nearly all of them end with a
 * 1.5B model anyway; the finding itself is judged the same.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { parseArgs } from "node:util";
import { parseRepoConfig } from "../src/config/repo-config.js";
import { parseFilePatch } from "../src/diff/parse-file-patch.js";
import { buildGenerator } from "../src/llm/build-generator.js";
import { createLlamaTransport } from "../src/llm/llama/llama-transport.js";
import { loadLlama } from "../src/llm/llama/load-llama.js";
import type { ModelUsage } from "../src/llm/model-usage.js";
import { collectModelFindings } from "../src/review/model-findings.js";
import type { FileDiff, Finding } from "../src/types.js";
import { findsBug } from "./model/judge-review.js";
import { DEFAULT_CASES_DIR, loadCases, type ModelCase } from "./model/load-cases.js";

const { values } = parseArgs({
  options: {
    model: { type: "string" },
    threads: { type: "string" },
    prefix: { type: "string", multiple: true },
    only: { type: "string", multiple: true },
    verify: { type: "boolean", default: false },
    json: { type: "string" },
    cases: { type: "string", default: DEFAULT_CASES_DIR },
  },
  strict: true,
});

const model = values.model ?? process.env.PATCHSMITH_MODEL;
if (model === undefined) {
  process.stderr.write("--model FILE.gguf is required (or PATCHSMITH_MODEL).\n");
  process.exit(2);
}

const run = promisify(execFile);

/** The unified diff of one file, as the product's diff parser reads it (from the first @@ on). */
async function filePatch(dir: string, file: string, before: string | undefined, after: string): Promise<string> {
  const a = path.join(dir, "a");
  const b = path.join(dir, "b");
  await writeFile(a, before ?? "");
  await writeFile(b, after);
  // git diff --no-index exits 1 when the files differ: its output is then on the error.
  const result = await run("git", ["diff", "--no-index", "--no-color", "-U3", a, b]).catch((error: unknown) => ({ stdout: (error as { stdout?: string }).stdout ?? "" }));
  const text = result.stdout;
  const at = text.indexOf("\n@@");
  if (at === -1) throw new Error(`no hunk for ${file}`);
  return text.slice(at + 1);
}

async function diffOf(c: ModelCase, dir: string): Promise<FileDiff[]> {
  const out: FileDiff[] = [];
  for (const [file, text] of c.head) {
    const before = c.base.get(file);
    if (before === text || !/\.[cm]?[jt]sx?$/.test(file)) continue;
    out.push(parseFilePatch({ path: file, status: before === undefined ? "added" : "modified", patch: await filePatch(dir, file, before, text) }));
  }
  return out;
}

const usage: ModelUsage[] = [];
// The product's in-process backend, with every answer's text kept for the log (before parsing and the product's filters).
const answers: string[] = [];
const { llama } = await loadLlama({ gpu: "auto" });
const transport = await createLlamaTransport({ llama, modelPath: path.resolve(model), contextSize: 8192, sequences: 1, ...(values.threads === undefined ? {} : { threads: Number(values.threads) }) });
const generator = buildGenerator(
  {
    ...transport,
    complete: async (request) => {
      const text = await transport.complete(request);
      answers.push(`${request.operation}: ${text}`);
      return text;
    },
  },
  { onUsage: (u) => usage.push(u) },
);
const config = parseRepoConfig({ model: { maxAttempts: 1, verifyFindings: values.verify } });

const all = await loadCases(path.resolve(values.cases));
const prefixes = values.prefix ?? ["bug-", "ctrl-"];
const selected = all.filter((c) => (values.only === undefined ? prefixes.some((p) => c.id.startsWith(p)) : values.only.includes(c.id)));
const tmp = await mkdtemp(path.join(os.tmpdir(), "patchsmith-review-findings-"));

interface Row {
  readonly id: string;
  readonly category: string;
  readonly seconds: number;
  readonly findings: readonly { readonly line: number; readonly message: string; readonly found: boolean }[];
  readonly said: readonly string[];
  readonly calls: number;
  readonly promptTokens: number;
  readonly answerTokens: number;
}
const rows: Row[] = [];
process.stderr.write(`${selected.length} cases; ${generator.describe()}; verify ${String(values.verify)}\n`);
try {
  for (const [index, c] of selected.entries()) {
    const dir = path.join(tmp, c.id);
    await mkdir(dir, { recursive: true });
    const diff = await diffOf(c, dir);
    const before = usage.length;
    answers.length = 0;
    const started = performance.now();
    const result = await collectModelFindings({
      generator,
      diff,
      headText: (p) => c.head.get(p),
      diagnostics: [],
      validate: () => ({ ok: false, reasons: ["not validated by this bench"], introduced: [] }),
      config,
    });
    const seconds = (performance.now() - started) / 1000;
    const mine = usage.slice(before);
    const model = result.findings.filter((f: Finding) => f.rule.startsWith("model/"));
    const row: Row = {
      id: c.id,
      category: c.category,
      seconds,
      said: [...answers],
      findings: model.map((f) => ({ line: f.line, message: f.message, found: findsBug(c, { path: f.path, startLine: f.startLine, line: f.line, severity: f.severity, rule: f.rule, message: f.message, ...(f.advice === undefined ? {} : { advice: f.advice }) }) })),
      calls: mine.length,
      promptTokens: mine.reduce((s, u) => s + u.promptTokens, 0),
      answerTokens: mine.reduce((s, u) => s + u.completionTokens, 0),
    };
    rows.push(row);
    const notes = [
      ...result.notices.map((n) => `notice: ${n.message}`),
      ...answers.map((text) => `model said ${text.replace(/\n/g, "\n      ")}`),
      ...row.findings.map((f) => `${f.found ? "FOUND" : "kept"} L${f.line}: ${f.message}`),
    ];
    process.stderr.write(`[${index + 1}/${selected.length}] ${c.id} ${seconds.toFixed(1)} s, ${row.calls} calls, ${row.promptTokens}+${row.answerTokens} tokens${notes.length > 0 ? `\n    ${notes.join("\n    ")}` : ""}\n`);
  }
} finally {
  await rm(tmp, { recursive: true, force: true });
  await generator.dispose();
}

const bugs = rows.filter((r) => r.category === "bug");
const controls = rows.filter((r) => r.category === "control");
const bugFindings = bugs.flatMap((r) => r.findings);
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const pct = (a: number, b: number): string => (b === 0 ? "n/a" : `${Math.round((100 * a) / b)}%`);
const found = bugs.filter((r) => r.findings.some((f) => f.found)).length;
const matching = bugFindings.filter((f) => f.found).length;
const calls = sum(rows.map((r) => r.calls));
const summary = [
  `model: ${generator.describe()}; verification pass: ${values.verify ? "on" : "off"}`,
  `planted bugs found: ${found} / ${bugs.length} (${pct(found, bugs.length)}); precision ${matching} / ${bugFindings.length} (${pct(matching, bugFindings.length)})`,
  `findings on controls: ${sum(controls.map((r) => r.findings.length))} in ${controls.filter((r) => r.findings.length > 0).length} of ${controls.length} control changes`,
  `model calls ${calls}; prompt tokens ${sum(rows.map((r) => r.promptTokens))}, answer tokens ${sum(rows.map((r) => r.answerTokens))}; ${sum(rows.map((r) => r.seconds)).toFixed(0)} s in all, ${calls > 0 ? (sum(rows.map((r) => r.seconds)) / calls).toFixed(1) : "n/a"} s per call`,
].join("\n");
process.stdout.write(`${summary}\n`);
if (values.json !== undefined) {
  await mkdir(path.dirname(path.resolve(values.json)), { recursive: true });
  await writeFile(path.resolve(values.json), `${JSON.stringify({ model, verify: values.verify, summary, rows }, null, 2)}\n`);
}
