import ts from "typescript";
import { parseSource } from "../analyze/parse-source.js";

/**
 * An answer for an existing test file that is not that file with cases added
 * (a small model often sends only its new cases, or rewrites the file and
 * leaves the old cases out), made into one: the existing file unchanged, the
 * answer's imports of names the file does not bind yet after its last import,
 * and the answer's other statements not already in the file at its end. The
 * repository's own tests are never dropped by a proposed file. Undefined when
 * either text does not parse or nothing new is left.
 */
export function mergeIntoExisting(path: string, existing: string, answer: string): string | undefined {
  const before = parseSource(path, existing);
  const proposed = parseSource(path, answer);
  if (parseErrors(before) || parseErrors(proposed)) return undefined;
  const compact = (text: string): string => text.replace(/\s+/g, "");
  const existingCompact = compact(existing);
  const bound = new Set(before.statements.filter(ts.isImportDeclaration).flatMap((statement) => boundNames(statement)));

  const imports: string[] = [];
  const body: string[] = [];
  for (const statement of proposed.statements) {
    const text = statement.getText(proposed);
    if (ts.isImportDeclaration(statement)) {
      const added = importOfNew(statement, proposed, bound);
      if (added !== undefined) imports.push(added);
      continue;
    }
    if (!existingCompact.includes(compact(text))) body.push(text);
  }
  if (body.length === 0) return undefined;

  const lastImport = before.statements.filter(ts.isImportDeclaration).at(-1);
  const lines = existing.replace(/\s+$/, "").split("\n");
  if (imports.length > 0) {
    const at = lastImport === undefined ? 0 : before.getLineAndCharacterOfPosition(lastImport.getEnd()).line + 1;
    lines.splice(at, 0, ...imports);
  }
  return `${lines.join("\n")}\n\n${body.join("\n\n")}\n`;
}

/** The import with only the names the existing file does not bind; undefined when it binds them all. */
function importOfNew(statement: ts.ImportDeclaration, source: ts.SourceFile, bound: ReadonlySet<string>): string | undefined {
  const names = boundNames(statement);
  if (names.length === 0 || names.every((name) => bound.has(name))) return undefined;
  if (names.some((name) => bound.has(name))) {
    // Part of it is bound already: a named-only import of the rest.
    const clause = statement.importClause;
    const named = clause?.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements.filter((e) => !bound.has(e.name.text)) : [];
    if (named.length === 0) return undefined;
    const typeOnly = clause?.phaseModifier === ts.SyntaxKind.TypeKeyword ? "type " : "";
    return `import ${typeOnly}{ ${named.map((e) => e.getText(source)).join(", ")} } from ${statement.moduleSpecifier.getText(source)};`;
  }
  return statement.getText(source);
}

function boundNames(statement: ts.ImportDeclaration): string[] {
  const clause = statement.importClause;
  if (clause === undefined) return [];
  const names = clause.name === undefined ? [] : [clause.name.text];
  const bindings = clause.namedBindings;
  if (bindings === undefined) return names;
  if (ts.isNamespaceImport(bindings)) return [...names, bindings.name.text];
  return [...names, ...bindings.elements.map((element) => element.name.text)];
}

function parseErrors(source: ts.SourceFile): boolean {
  return ((source as unknown as { readonly parseDiagnostics?: readonly unknown[] }).parseDiagnostics?.length ?? 0) > 0;
}
