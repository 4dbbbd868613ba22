import { describe, expect, it } from "vitest";
import { typesForFix } from "../../src/review/types-for-fix.js";
import type { Diagnostic } from "../../src/types.js";

const FILES: Record<string, string> = {
  "src/order.ts": "export interface Order {\n  readonly number: string;\n  readonly shipTo: Address;\n}\n\nexport interface Address {\n  readonly country: string;\n}\n\nexport type Unused = number;\n",
  "src/options.ts": "export interface LoggerOptions {\n  readonly verbose: string;\n}\n",
  "src/heading.ts": [
    'import type { Order } from "./order.js";',
    'import type { LoggerOptions } from "./options.js";',
    'import { helper } from "./helper.js";',
    "",
    "export function heading(order: Order, options: LoggerOptions): string {",
    "  return `Invoice ${order.number} for ${order.country}`;",
    "}",
    "",
  ].join("\n"),
};
const diagnostic = (message: string): Diagnostic => ({ path: "src/heading.ts", line: 6, column: 47, endLine: 6, endColumn: 54, severity: "error", source: "typescript", code: "TS2339", message });
const run = (diagnostics: readonly Diagnostic[], files = FILES) =>
  typesForFix({ path: "src/heading.ts", fileText: files["src/heading.ts"] ?? "", startLine: 6, endLine: 6, diagnostics, readText: (p) => files[p], knownPaths: new Set(Object.keys(files)) });

describe("typesForFix", () => {
  it("gives the declarations, from the files imported, of the types the diagnostic names and the statement uses", () => {
    const text = run([diagnostic("Property 'country' does not exist on type 'Order'.")]);
    expect(text).toContain("// src/order.ts\nexport interface Order {");
    expect(text).toContain("readonly shipTo: Address;");
    expect(text).toContain("// src/order.ts\nexport interface Address {\n  readonly country: string;\n}");
    expect(text).toContain("// src/options.ts\nexport interface LoggerOptions");
    expect(text).not.toContain("Unused");
  });

  it("leaves out what the prompt shows already and what cannot be found", () => {
    const local: Record<string, string> = { ...FILES, "src/heading.ts": "interface Local { readonly a: number }\nexport function f(x: Local): number {\n  return x.b;\n}\n" };
    expect(typesForFix({ path: "src/heading.ts", fileText: local["src/heading.ts"] ?? "", startLine: 3, endLine: 3, diagnostics: [diagnostic("Property 'b' does not exist on type 'Local'.")], readText: (p) => local[p], knownPaths: new Set(Object.keys(local)) })).toBe("");
    expect(run([diagnostic("Type 'Missing' is not assignable to type 'string'.")], { "src/heading.ts": "export const x: Missing = 1;\n" })).toBe("");
  });
});
