import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModuleResolver } from "../../src/analyze/create-module-resolver.js";
import { findUntestedExports } from "../../src/analyze/find-untested-exports.js";
import { listChangedExports } from "../../src/analyze/list-changed-exports.js";
import { readModuleReferences } from "../../src/analyze/read-module-references.js";
import { DEFAULT_COMPILER_OPTIONS } from "../../src/workspace/read-compiler-options.js";
import { detectUntestedExports } from "../../src/testgen/detect-untested-exports.js";
import { loadTestContext } from "../../src/testgen/load-test-context.js";
import { type FixtureName, loadFixtureChange } from "../testgen/load-fixture-change.js";

/** What detection must report for each fixture pull request, and nothing else. */
const EXPECTED: Record<FixtureName, readonly { path: string; name: string; kind: string; line: number; methods?: readonly string[]; reason: RegExp }[]> = {
  "vitest-repo": [
    // `mul` is imported by the PR's test but never called; `sub` changed and is tested; `formatMoney` is tested through src/index.ts.
    { path: "src/math.ts", name: "mul", kind: "function", line: 13, reason: /test\/math\.spec\.ts imports src\/math\.ts but never uses mul/ },
    { path: "src/math.ts", name: "square", kind: "function", line: 17, reason: /test\/math\.spec\.ts imports src\/math\.ts but never uses square/ },
    // A new class is one finding with its methods (the getter and the private method are not methods to test).
    { path: "src/stack.ts", name: "Stack", kind: "class", line: 2, methods: ["push", "pop", "peek"], reason: /no test file imports src\/stack\.ts/ },
  ],
  "jest-repo": [
    { path: "src/cart/cart.ts", name: "Cart.removeItem", kind: "method", line: 18, reason: /src\/cart\/__tests__\/cart\.ts uses Cart but never calls removeItem/ },
    { path: "src/cart/cart.ts", name: "emptyCart", kind: "function", line: 26, reason: /imports src\/cart\/cart\.ts but never uses emptyCart/ },
    { path: "src/legacy.js", name: "legacyTotal", kind: "function", line: 1, reason: /no test file imports src\/legacy\.js/ },
    { path: "src/pricing.ts", name: "applyDiscount", kind: "function", line: 1, reason: /src\/__tests__\/pricing\.ts imports src\/pricing\.ts but never uses applyDiscount/ },
  ],
  "node-test-repo": [
    { path: "src/queue.js", name: "Queue", kind: "class", line: 2, methods: ["enqueue", "dequeue"], reason: /no test file imports src\/queue\.js/ },
    { path: "src/slug.js", name: "truncate", kind: "function", line: 18, reason: /src\/slug\.test\.js imports src\/slug\.js but never uses truncate/ },
    { path: "src/util.js", name: "clamp", kind: "function", line: 6, reason: /no test file imports src\/util\.js/ },
    { path: "src/util.js", name: "helper", kind: "function", line: 10, reason: /no test file imports src\/util\.js/ },
  ],
};

describe.each(Object.keys(EXPECTED) as FixtureName[])("detectUntestedExports on the %s fixture", (name) => {
  let fixture: Awaited<ReturnType<typeof loadFixtureChange>>;
  beforeAll(async () => {
    fixture = await loadFixtureChange(name);
  });
  afterAll(() => {
    fixture.repo.remove();
  });

  it("reports exactly the untested exports, with their location and why", async () => {
    const context = await loadTestContext({ source: fixture.head, changedPaths: fixture.diff.map((f) => f.path) });
    const detection = detectUntestedExports({ diff: fixture.diff, context, headText: (p) => fixture.headFiles[p] });
    const actual = detection.untested.map((u) => ({ path: u.path, name: u.name, kind: u.kind, line: u.line, methods: u.methods, reason: u.reason }));
    expect(actual).toEqual(EXPECTED[name].map((e) => ({ ...e, methods: e.methods ?? [], reason: expect.stringMatching(e.reason) as unknown })));
  });
});

describe("listChangedExports", () => {
  const text = [
    "export function a(): number;", // 1 overload
    "export function a(x?: number): number {", // 2
    "  return x ?? 1;", // 3
    "}", // 4
    "export const b = (x: number) => x;", // 5
    "export const notAFunction = 3;", // 6
    "export type T = string;", // 7
    "export default class {", // 8
    "  run(): void {}", // 9
    "}", // 10
    "exports.c = function () {};", // 11
  ].join("\n");

  it("lists functions (overloads as one), arrow functions, default classes and CommonJS exports, not types or constants", () => {
    const all = listChangedExports({ path: "m.ts", text });
    expect(all.map((s) => [s.name, s.kind, s.line, s.endLine])).toEqual([
      ["a", "function", 1, 4],
      ["b", "function", 5, 5],
      ["default", "class", 8, 10],
      ["default.run", "method", 9, 9],
      ["c", "function", 11, 11],
    ]);
  });

  it("keeps only symbols whose lines changed", () => {
    expect(listChangedExports({ path: "m.ts", text, changedLines: new Set([3, 9]) }).map((s) => s.name)).toEqual(["a", "default.run"]);
  });
});

describe("findUntestedExports", () => {
  const known = new Set(["src/m.ts", "src/index.ts", "test/a.test.ts"]);
  const resolve = createModuleResolver({ knownPaths: known, compilerOptions: DEFAULT_COMPILER_OPTIONS });
  const changed = listChangedExports({ path: "src/m.ts", text: "export function one() {}\nexport function two() {}\nexport default function three() {}\n" });
  const check = (testText: string, index = "export * from './m.js';\n") =>
    findUntestedExports({
      changed,
      tests: [{ path: "test/a.test.ts", references: readModuleReferences("test/a.test.ts", testText) }],
      moduleReferences: (path) => (path === "src/index.ts" ? readModuleReferences(path, index) : undefined),
      resolve,
    }).map((u) => u.name);

  it("follows aliases of named and default imports", () => {
    expect(check("import run, { one as first } from '../src/m.js';\nfirst(); run();\n")).toEqual(["two"]);
  });

  it("counts a namespace import or require only for the names the test uses", () => {
    expect(check("import * as m from '../src/m.js';\nm.two();\n")).toEqual(["one", "three"]);
    expect(check("const { one } = require('../src/m.js');\n")).toEqual(["one", "two", "three"]);
  });

  it("claims nothing of a module a test reaches only through another module's own imports (an index that builds a default instance)", () => {
    const index = "import { one, two } from './m.js';\nexport default { one, two };\n";
    expect(check("import api from '../src/index.js';\napi.one();\n", index)).toEqual([]);
  });

  it("follows re-exports through an index module, with renames", () => {
    expect(check("import { one } from '../src/index.js';\none();\n")).toEqual(["two", "three"]);
    expect(check("import { uno } from '../src/index.js';\nuno();\n", "export { one as uno } from './m.js';\n")).toEqual(["two", "three"]);
  });

  it("does not count a mention in a comment, or a type-only import", () => {
    expect(check("import type { one } from '../src/m.js';\n// one two three\n")).toEqual(["one", "two", "three"]);
  });
});
