import ts from "typescript";
import { parseSource } from "./parse-source.js";

/**
 * Whether any of `lines` (1-based) lies in a top-level statement that exports
 * something: `export function/class/const/type/interface/enum`, `export { … }`,
 * `export … from`, `export default`, `export =`. Such a change can change what
 * importers see (a signature, an inferred return type, a removed name); a
 * change elsewhere in the module cannot change its exported types. Read as
 * data from the AST.
 */
export function touchesExports(params: { readonly path: string; readonly text: string; readonly lines: ReadonlySet<number> }): boolean {
  if (params.lines.size === 0) return false;
  const source = parseSource(params.path, params.text);
  const lineOf = (position: number): number => source.getLineAndCharacterOfPosition(position).line + 1;
  return source.statements.some((statement) => {
    if (!exports(statement)) return false;
    const first = lineOf(statement.getStart(source));
    const last = lineOf(statement.getEnd());
    for (const line of params.lines) if (line >= first && line <= last) return true;
    return false;
  });
}

function exports(statement: ts.Statement): boolean {
  if (ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) return true;
  return ts.canHaveModifiers(statement) && (ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false);
}
