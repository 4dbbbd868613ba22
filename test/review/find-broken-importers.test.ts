import { describe, expect, it } from "vitest";
import { defaultRepoConfig } from "../../src/config/repo-config.js";
import { reviewChange } from "../../src/pipeline/review-change.js";
import { memorySource } from "../helpers/memory-change.js";
import { modifiedFileDiff } from "../helpers/modified-file-diff.js";

const TSCONFIG = JSON.stringify({ compilerOptions: { target: "es2022", lib: ["es2022"], module: "node16", strict: true }, include: ["src"] });

const TIMING_BASE = [
  "const SCALE = 1;",
  "export const other = 1;",
  "export function retryDelay(header: string): number | undefined {",
  "  const n = Number(header);",
  "  return Number.isNaN(n) ? undefined : n * SCALE;",
  "}",
  "",
].join("\n");
const TIMING_HEAD = [
  "const SCALE = 1;",
  "export const other = 1;",
  "export function retryDelay(header: string): number | null {",
  "  const n = Number(header);",
  "  return Number.isNaN(n) ? null : n * SCALE;",
  "}",
  "",
].join("\n");
const CALLER = [
  'import { retryDelay } from "./timing.js";',
  "",
  "export function wait(header: string, max: number): number {",
  "  const after = retryDelay(header);",
  "  if (after === undefined) return 0;",
  "  return Math.min(max, after);",
  "}",
  "",
  "export const broken: string = 1;",
  "",
].join("\n");
const UNRELATED = ["export const one = 1;", ""].join("\n");

function change(head: string, files: Record<string, string> = {}) {
  const shared = { "package.json": '{ "name": "app", "type": "module" }', "tsconfig.json": TSCONFIG, "src/caller.ts": CALLER, "src/other/unrelated.ts": UNRELATED, ...files };
  return {
    base: memorySource({ ...shared, "src/timing.ts": TIMING_BASE }),
    head: memorySource({ ...shared, "src/timing.ts": head }),
    diff: modifiedFileDiff("src/timing.ts", TIMING_BASE, head),
    config: defaultRepoConfig,
  };
}

describe("errors a change causes in files it did not touch", () => {
  it("reports a caller broken by a changed return type, at the caller's line, and not the error the caller already had", async () => {
    const result = await reviewChange(change(TIMING_HEAD));
    const inCaller = result.findings.filter((f) => f.path === "src/caller.ts");
    expect(inCaller.map((f) => [f.line, f.rule])).toEqual([[6, "ts/TS2345"]]);
    expect(inCaller[0]?.message).toContain("`src/timing.ts`");
    expect(inCaller[0]?.message).toMatch(/^Line 6 was not changed/);
    // Not anchorable in the diff: listed in the review body.
    expect(result.overflow.map((f) => f.path)).toContain("src/caller.ts");
    expect(result.body).toContain("src/caller.ts");
  });

  it("checks no importer when the change stays inside typed bodies (what importers see is the same)", async () => {
    const head = TIMING_BASE.replace("const n = Number(header);", "const n = Number(header.trim());");
    const result = await reviewChange(change(head));
    expect(result.findings.filter((f) => f.path !== "src/timing.ts")).toEqual([]);
    expect(result.stats.timings["importers"]).toBeUndefined();
  });

  it("checks no importer that takes none of the changed exports", async () => {
    const result = await reviewChange(change(TIMING_HEAD, { "src/caller.ts": 'import { other } from "./timing.js";\nexport const x: number = other;\n' }));
    expect(result.stats.timings["importers"]).toBeUndefined();
  });

  it("says nothing about a caller the repository's tsconfig does not type-check", async () => {
    const result = await reviewChange(change(TIMING_HEAD, { "tsconfig.json": JSON.stringify({ compilerOptions: { strict: true }, include: ["src/timing.ts"] }) }));
    expect(result.findings.filter((f) => f.path === "src/caller.ts")).toEqual([]);
  });
});

describe("callers of a module whose declarations did not change", () => {
  const UNTYPED_BASE = TIMING_BASE.replace("): number | undefined {", ") {");

  it("reports a caller broken by an inferred return type that changed (an unannotated body)", async () => {
    const head = UNTYPED_BASE.replace("? undefined :", "? null :");
    const files = { "package.json": '{ "name": "app", "type": "module" }', "tsconfig.json": TSCONFIG, "src/caller.ts": CALLER };
    const result = await reviewChange({ base: memorySource({ ...files, "src/timing.ts": UNTYPED_BASE }), head: memorySource({ ...files, "src/timing.ts": head }), diff: modifiedFileDiff("src/timing.ts", UNTYPED_BASE, head), config: defaultRepoConfig });
    expect(result.findings.filter((f) => f.path === "src/caller.ts").map((f) => [f.line, f.rule])).toEqual([[6, "ts/TS2345"]]);
  });

  it("reports a caller that reaches a changed private member by name", async () => {
    const classBase = "export class Timer {\n  private delay = 1;\n  run(): void {}\n}\n";
    const classHead = classBase.replace("private delay = 1;", 'private delay = "1";');
    const caller = 'import { Timer } from "./timing.js";\n\nexport const delay: number = new Timer()["delay"];\n';
    const files = { "package.json": '{ "name": "app", "type": "module" }', "tsconfig.json": TSCONFIG, "src/caller.ts": caller };
    const result = await reviewChange({ base: memorySource({ ...files, "src/timing.ts": classBase }), head: memorySource({ ...files, "src/timing.ts": classHead }), diff: modifiedFileDiff("src/timing.ts", classBase, classHead), config: defaultRepoConfig });
    expect(result.findings.filter((f) => f.path === "src/caller.ts").map((f) => [f.line, f.rule])).toEqual([[3, "ts/TS2322"]]);
  });
});
