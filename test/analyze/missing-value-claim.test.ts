import ts from "typescript";
import { describe, expect, it } from "vitest";
import { judgeMissingValueClaim } from "../../src/analyze/missing-value-claim.js";

const FILE = [
  "export class Lru {", // 1
  "  private readonly entries = new Map<string, number>();", // 2
  "  clear(): void {", // 3
  "    this.entries.clear();", // 4
  "  }", // 5
  "  get(key: string): number | undefined {", // 6
  "    const hit = this.entries.get(key);", // 7
  "    return hit;", // 8
  "  }", // 9
  "}", // 10
  "export function first(rows: readonly { label: string }[]): string {", // 11
  "  const row = rows[0];", // 12
  "  return row.label;", // 13
  "}", // 14
  "export function name(user: { email?: string }): string {", // 15
  "  return user.email!.trim();", // 16
  "}", // 17
  "",
].join("\n");

function judge(claim: string, startLine: number, endLine = startLine, strict = true): "refuted" | "open" {
  const options: ts.CompilerOptions = { strict, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, lib: ["lib.es2022.d.ts"], noEmit: true };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name === "/v/a.ts" ? FILE : readFile(name));
  host.fileExists = (name) => name === "/v/a.ts" || ts.sys.fileExists(name);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) => (name === "/v/a.ts" ? ts.createSourceFile(name, FILE, version, true) : getSourceFile(name, version));
  const program = ts.createProgram(["/v/a.ts"], options, host);
  const source = program.getSourceFile("/v/a.ts");
  if (source === undefined) throw new Error("no source");
  return judgeMissingValueClaim({ checker: program.getTypeChecker(), source, startLine, endLine, claim, strictNullChecks: strict });
}

describe("judgeMissingValueClaim", () => {
  it("refutes a claim about a value whose type excludes null and undefined (the 1.5B's control finding on lru.ts)", () => {
    expect(judge("null or undefined access: `this.entries.clear()` is called without checking if `this.entries` is defined.", 4)).toBe("refuted");
  });

  it("leaves open a claim about a value that may be missing", () => {
    expect(judge("null or undefined access: `hit` may be undefined", 8)).toBe("open");
    expect(judge("`this.entries.get(key)` may return undefined", 7)).toBe("open");
  });

  it("does not judge an index, a non-null assertion, nothing named on the lines, or a file without strictNullChecks", () => {
    expect(judge("`rows[0]` may be undefined", 12)).toBe("open");
    expect(judge("`user.email!` is used unchecked", 16)).toBe("open");
    expect(judge("`somethingElse` may be undefined", 4)).toBe("open");
    expect(judge("the map may be undefined", 4)).toBe("open");
    expect(judge("`this.entries` may be undefined", 4, 4, false)).toBe("open");
  });
});
