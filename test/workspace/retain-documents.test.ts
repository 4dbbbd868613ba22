import ts from "typescript";
import { describe, expect, it } from "vitest";
import { retainDocuments } from "../../src/workspace/retain-documents.js";

function service(registry: ts.DocumentRegistry, files: Record<string, string>): ts.LanguageService {
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => ({ noLib: true }),
    getScriptFileNames: () => Object.keys(files),
    getScriptVersion: (name) => String(files[name]?.length ?? 0),
    getScriptSnapshot: (name) => (files[name] === undefined ? undefined : ts.ScriptSnapshot.fromString(files[name])),
    getCurrentDirectory: () => "/",
    getDefaultLibFileName: () => "/lib.d.ts",
    fileExists: (name) => files[name] !== undefined,
    readFile: (name) => files[name],
  };
  return ts.createLanguageService(host, registry);
}

const FILES = { "/a.ts": "export const a = 1;\n", "/b.ts": "export const b = 2;\n" };

describe("retainDocuments", () => {
  it("keeps a disposed service's files parsed for the next service, within its bound", () => {
    const plain = ts.createDocumentRegistry();
    const first = service(plain, FILES);
    const parsed = first.getProgram()?.getSourceFile("/a.ts");
    first.dispose();
    // TypeScript's own registry forgets a file no service holds.
    expect(service(plain, FILES).getProgram()?.getSourceFile("/a.ts")).not.toBe(parsed);

    const retaining = retainDocuments(ts.createDocumentRegistry(), 1);
    const one = service(retaining, FILES);
    const kept = one.getProgram()?.getSourceFile("/b.ts");
    const dropped = one.getProgram()?.getSourceFile("/a.ts");
    one.dispose();
    const two = service(retaining, FILES);
    // Released last, so retained; the other was pushed out by the bound of one.
    expect(two.getProgram()?.getSourceFile("/b.ts")).toBe(kept);
    expect(two.getProgram()?.getSourceFile("/a.ts")).not.toBe(dropped);
  });
});
