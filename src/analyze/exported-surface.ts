import ts from "typescript";
import { parseSource } from "./parse-source.js";

/** A module's surface, statement by statement: named declarations, and the statements that name nothing. */
export interface ModuleSurface {
  /** Declared name → its declarations' tokens, and whether it is exported where it is declared. */
  readonly declarations: ReadonlyMap<string, { readonly surface: string; readonly exported: boolean }>;
  /** Tokens of the other statements (`export { … }`, `export * from`, top-level code); imports are left out. */
  readonly other: readonly string[];
}

/**
 * What other modules can see of a module, as tokens per top-level statement:
 * its text without comments, whitespace, imports, and the bodies that cannot
 * change a type (a function, method or getter body under a declared return
 * type; every constructor and setter body). Two versions with the same
 * surface type-check their importers alike, so a change that keeps it (a fix
 * inside a typed function) cannot break a caller elsewhere. An unannotated
 * body stays: its inferred return type is part of the surface. Read as data.
 */
export function exportedSurface(path: string, text: string): ModuleSurface {
  const source = parseSource(path, text);
  const hidden: { start: number; end: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) {
      const body = node.body as ts.Node;
      const typed = node.type !== undefined || ts.isConstructorDeclaration(node) || ts.isSetAccessorDeclaration(node);
      if (typed && ts.isBlock(body)) {
        hidden.push({ start: body.getStart(source), end: body.getEnd() });
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const statements = source.statements;
  const tokens: string[][] = statements.map(() => []);
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, source.languageVariant, text);
  let next = 0;
  let statement = 0;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const start = scanner.getTokenStart();
    while (next < hidden.length && (hidden[next]?.end ?? 0) <= start) next++;
    while (statement < statements.length && (statements[statement]?.getEnd() ?? 0) <= start) statement++;
    const range = hidden[next];
    const inHidden = range !== undefined && start >= range.start && start < range.end;
    if (inHidden && start !== range.start) continue;
    tokens[statement]?.push(inHidden ? "{}" : scanner.getTokenText());
  }
  const declarations = new Map<string, { surface: string; exported: boolean }>();
  const other: string[] = [];
  statements.forEach((node, index) => {
    if (ts.isImportDeclaration(node) || ts.isImportEqualsDeclaration(node)) return;
    const surface = (tokens[index] ?? []).join(" ");
    const names = declaredNames(node);
    if (names.length === 0) {
      other.push(surface);
      return;
    }
    const exported = ts.isExportAssignment(node) || (ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false));
    for (const name of names) {
      const known = declarations.get(name);
      declarations.set(name, { surface: known ? `${known.surface}\n${surface}` : surface, exported: exported || (known?.exported ?? false) });
    }
  });
  return { declarations, other };
}

/**
 * The exported names whose surface differs between two versions of a module,
 * or "all" when something else changed (a statement that names nothing, a
 * declaration that is not exported where it is declared: either can change
 * what any export means).
 */
export function changedExports(before: ModuleSurface, after: ModuleSurface): ReadonlySet<string> | "all" {
  if (before.other.join("\n") !== after.other.join("\n")) return "all";
  const changed = new Set<string>();
  for (const name of new Set([...before.declarations.keys(), ...after.declarations.keys()])) {
    const a = before.declarations.get(name);
    const b = after.declarations.get(name);
    if (a?.surface === b?.surface && a?.exported === b?.exported) continue;
    if (a?.exported !== true && b?.exported !== true) return "all";
    changed.add(name);
  }
  return changed;
}

function declaredNames(node: ts.Statement): string[] {
  if (ts.isExportAssignment(node)) return ["default"];
  if (ts.isVariableStatement(node)) {
    const names = node.declarationList.declarations.map((d) => (ts.isIdentifier(d.name) ? d.name.text : undefined));
    return names.every((n) => n !== undefined) ? names : [];
  }
  if (ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isEnumDeclaration(node) || ts.isModuleDeclaration(node)) {
    const isDefault = ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword) ?? false);
    if (isDefault) return ["default"];
    return node.name !== undefined && ts.isIdentifier(node.name) ? [node.name.text] : [];
  }
  return [];
}
