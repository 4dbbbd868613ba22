import ts from "typescript";
import type { UntestedExport } from "../analyze/find-untested-exports.js";
import { parseSource } from "../analyze/parse-source.js";
import type { Diagnostic } from "../types.js";

/**
 * The untested exports whose declaration holds a TypeScript error: a test of
 * code that does not compile would be written against behaviour nobody has
 * yet, and costs the model's time for nothing. For a method, its class's
 * declaration counts (the reported line is the method's).
 */
export function exportsWithErrors(params: {
  readonly untested: readonly UntestedExport[];
  /** Errors of the change (only TypeScript errors count). */
  readonly diagnostics: readonly Diagnostic[];
  readonly headText: (path: string) => string | undefined;
}): Set<UntestedExport> {
  const errorLines = new Map<string, number[]>();
  for (const d of params.diagnostics) {
    if (d.source === "typescript" && d.severity === "error") errorLines.set(d.path, [...(errorLines.get(d.path) ?? []), d.line]);
  }
  const broken = new Set<UntestedExport>();
  const parsed = new Map<string, ts.SourceFile | undefined>();
  for (const symbol of params.untested) {
    const lines = errorLines.get(symbol.path);
    if (lines === undefined) continue;
    if (!parsed.has(symbol.path)) {
      const text = params.headText(symbol.path);
      parsed.set(symbol.path, text === undefined ? undefined : parseSource(symbol.path, text));
    }
    const source = parsed.get(symbol.path);
    if (source === undefined) continue;
    const statement = source.statements.find((s) => {
      const start = source.getLineAndCharacterOfPosition(s.getStart(source)).line + 1;
      const end = source.getLineAndCharacterOfPosition(s.getEnd()).line + 1;
      return symbol.line >= start && symbol.line <= end;
    });
    if (statement === undefined) continue;
    const start = source.getLineAndCharacterOfPosition(statement.getStart(source)).line + 1;
    const end = source.getLineAndCharacterOfPosition(statement.getEnd()).line + 1;
    if (lines.some((line) => line >= start && line <= end)) broken.add(symbol);
  }
  return broken;
}
