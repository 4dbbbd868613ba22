import { describe, expect, it } from "vitest";
import { createModuleResolver } from "../../src/analyze/create-module-resolver.js";
import type { UntestedExport } from "../../src/analyze/find-untested-exports.js";
import { parseUnifiedDiff } from "../../src/diff/parse-unified-diff.js";
import { collectSymbolContext } from "../../src/testgen/collect-symbol-context.js";
import { DEFAULT_COMPILER_OPTIONS } from "../../src/workspace/read-compiler-options.js";

const FILES: Record<string, string> = {
  "src/order.ts": [
    'import type { Money } from "./money.js";',
    "",
    "export interface Line {",
    "  readonly price: Money;",
    "  readonly quantity: number;",
    "}",
    "",
    "interface Unrelated {",
    "  readonly x: number;",
    "}",
    "",
    "export function orderTotal(lines: readonly Line[]): Money {",
    "  const inside: Unrelated = { x: 1 };",
    "  return { cents: lines.reduce((sum, line) => sum + line.price.cents * line.quantity, inside.x - 1) };",
    "}",
    "",
  ].join("\n"),
  "src/money.ts": "export interface Money {\n  readonly cents: number;\n}\n",
};

const DIFF = `diff --git a/src/checkout.ts b/src/checkout.ts
--- a/src/checkout.ts
+++ b/src/checkout.ts
@@ -1,2 +1,3 @@
 import { orderTotal } from "./order.js";
-export const pay = () => 0;
+export const pay = (lines: Parameters<typeof orderTotal>[0]) => orderTotal(lines).cents;
+// orderTotal is mentioned here, but not called
`;

describe("collectSymbolContext", () => {
  it("gives the declarations of the types in the signature that the module imports (its own are in the prompt with it) and the PR's calls", () => {
    const symbol: UntestedExport = { path: "src/order.ts", name: "orderTotal", kind: "function", exportName: "orderTotal", line: 12, methods: [], reason: "" };
    const context = collectSymbolContext({
      sourcePath: "src/order.ts",
      sourceText: FILES["src/order.ts"] ?? "",
      symbols: [symbol],
      diff: parseUnifiedDiff(DIFF).files,
      readText: (path) => FILES[path],
      resolve: createModuleResolver({ knownPaths: new Set(Object.keys(FILES)), compilerOptions: DEFAULT_COMPILER_OPTIONS }),
    });
    expect(context.typesText).toBe("// src/money.ts\nexport interface Money {\n  readonly cents: number;\n}");
    expect(context.callers).toEqual([{ path: "src/checkout.ts", line: 2, text: "export const pay = (lines: Parameters<typeof orderTotal>[0]) => orderTotal(lines).cents;" }]);
  });
});
