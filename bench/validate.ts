/**
 * Benchmark (not a test): one validateEdit on a warm workspace against a cold
 * `tsc --noEmit` of the same patched project, in one run.
 *   npm run bench:validate [-- --modules 40 --runs 60]
 * Prints median and p95 of validateEdit, the cold tsc median, and the ratio.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { applyEdit } from "../src/analyze/apply-edit.js";
import type { Fix } from "../src/types.js";
import { validateEdit } from "../src/validate/validate-edit.js";
import { createWorkspace } from "../src/workspace/create-workspace.js";
import { readCompilerOptions } from "../src/workspace/read-compiler-options.js";
import { createSafeLinter } from "../src/workspace/safe-linter.js";

const { values } = parseArgs({ options: { modules: { type: "string", default: "40" }, runs: { type: "string", default: "60" }, cold: { type: "string", default: "3" } } });
const moduleCount = Number(values.modules);
const runs = Number(values.runs);
const coldRuns = Number(values.cold);

// A synthetic project: a chain of modules that import each other, and the file the edits touch.
const files = new Map<string, string>();
files.set("tsconfig.json", JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", noEmit: true }, include: ["src"] }));
for (let i = 0; i < moduleCount; i++) {
  const imports = i === 0 ? "" : `import { value${i - 1}, Shape${i - 1} } from "./module${i - 1}.js";\n`;
  const body = [
    imports,
    `export interface Shape${i} { readonly id: number; readonly name: string; readonly tags: readonly string[] }`,
    `export function make${i}(id: number, name: string): Shape${i} {`,
    `  return { id, name, tags: [name.toUpperCase(), String(id)] };`,
    `}`,
    `export function value${i}(shapes: readonly Shape${i}[]): number {`,
    i === 0 ? `  return shapes.length;` : `  const previous: Shape${i - 1}[] = [];\n  return shapes.reduce((n, s) => n + s.id, value${i - 1}(previous));`,
    `}`,
    ...Array.from({ length: 8 }, (_, k) => `export const helper${i}_${k} = (x: number): number => x * ${k + 1} + ${i};`),
  ].join("\n");
  files.set(`src/module${i}.ts`, `${body}\n`);
}
const target = `src/module${moduleCount - 1}.ts`;
const targetLines = (files.get(target) ?? "").split("\n");
const makeLine = targetLines.findIndex((l) => l.includes("return { id, name")) + 1;
const edits: Fix[] = [
  { edit: { path: target, startLine: makeLine, endLine: makeLine, replacement: "  return { id, name, tags: [name.toLowerCase(), String(id)] };" }, title: "valid", origin: "model" },
  { edit: { path: target, startLine: makeLine, endLine: makeLine, replacement: "  return { id, name, tags: [name.toLowerCase(), id] };" }, title: "type error", origin: "model" },
  { edit: { path: target, startLine: makeLine, endLine: makeLine, replacement: "  return { id, name, tags: [name.toTitleCase(), String(id)] };" }, title: "missing method", origin: "model" },
  { edit: { path: target, startLine: makeLine, endLine: makeLine, replacement: "  return { id, name, tags: [name.toLowerCase(), String(id) };" }, title: "bracket", origin: "model" },
];

const { options } = readCompilerOptions({ configPath: "tsconfig.json", readFile: (p) => files.get(p), fileExists: (p) => files.has(p) });
const workspace = createWorkspace({ files, compilerOptions: options, knownPaths: new Set(files.keys()), linter: createSafeLinter(), checks: { eslint: true, typescript: true } });

// Warm up: the language service builds its program and the linter its parser once.
for (let i = 0; i < 5; i++) validateEdit(workspace, edits[i % edits.length] as Fix);
const times: number[] = [];
const verdicts = new Map<string, boolean>();
for (let i = 0; i < runs; i++) {
  const fix = edits[i % edits.length] as Fix;
  const start = performance.now();
  const verdict = validateEdit(workspace, fix);
  times.push(performance.now() - start);
  verdicts.set(fix.title, verdict.ok);
}
workspace.dispose();

// Cold: write the patched project to disk and run tsc --noEmit on it.
const dir = mkdtempSync(path.join(os.tmpdir(), "patchsmith-bench-"));
for (const [file, text] of files) {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), file === target ? applyEdit(text, edits[0]?.edit ?? { path: target, startLine: 1, endLine: 1, replacement: "" }) : text);
}
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const coldTimes: number[] = [];
for (let i = 0; i < coldRuns; i++) {
  const start = performance.now();
  execFileSync(process.execPath, [tsc, "--noEmit", "-p", dir], { stdio: "inherit" });
  coldTimes.push(performance.now() - start);
}
rmSync(dir, { recursive: true, force: true });

const median = quantile(times, 0.5);
const p95 = quantile(times, 0.95);
const cold = quantile(coldTimes, 0.5);
console.log(`project: ${moduleCount} modules; ${runs} validateEdit runs (valid, type error, missing method, unbalanced bracket in turn)`);
console.log(`verdicts: ${[...verdicts].map(([k, v]) => `${k}=${v ? "accepted" : "rejected"}`).join(", ")}`);
console.log(`validateEdit (warm): median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
console.log(`tsc --noEmit (cold): median ${cold.toFixed(0)} ms over ${coldRuns} runs`);
console.log(`ratio: ${(cold / median).toFixed(1)}x faster`);

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}
