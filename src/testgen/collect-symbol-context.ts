import ts from "typescript";
import type { ModuleResolver } from "../analyze/create-module-resolver.js";
import type { UntestedExport } from "../analyze/find-untested-exports.js";
import { parseSource } from "../analyze/parse-source.js";
import type { FileDiff } from "../types.js";

export interface SymbolContext {
  /** Declarations of the types the symbols' signatures name, from the module and the modules it imports. */
  readonly typesText: string;
  /** Added lines of the pull request that use the symbols. */
  readonly callers: readonly { readonly path: string; readonly line: number; readonly text: string }[];
}

const MAX_CALLERS = 20;
const MAX_TYPES_CHARS = 8_000;

/**
 * What the model needs beside the module's source to test its symbols well:
 *  1. the declarations (interface, type, enum, class) of the types their
 *     signatures name, found in the module or in the repository modules it imports;
 *  2. the lines the pull request adds that call them (how they are meant to be used).
 */
export function collectSymbolContext(params: {
  readonly sourcePath: string;
  readonly sourceText: string;
  readonly symbols: readonly UntestedExport[];
  readonly diff: readonly FileDiff[];
  readonly readText: (path: string) => string | undefined;
  readonly resolve: ModuleResolver;
}): SymbolContext {
  const source = parseSource(params.sourcePath, params.sourceText);
  const lines = new Set<number>();
  for (const symbol of params.symbols) lines.add(symbol.line);

  // 1. Type names used in the symbols' declarations.
  const typeNames = new Set<string>();
  const collect = (node: ts.Node): void => {
    if (ts.isTypeReferenceNode(node)) typeNames.add(ts.isIdentifier(node.typeName) ? node.typeName.text : node.typeName.right.text);
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) {
      ts.forEachChild(node, (child) => {
        if (!ts.isBlock(child)) collect(child);
      });
      return;
    }
    ts.forEachChild(node, collect);
  };
  for (const statement of source.statements) {
    const line = source.getLineAndCharacterOfPosition(statement.getStart(source)).line + 1;
    const end = source.getLineAndCharacterOfPosition(statement.getEnd()).line + 1;
    if ([...lines].some((l) => l >= line && l <= end)) collect(statement);
  }
  const declarations: string[] = [];
  const seen = new Set<string>();
  const addFrom = (path: string, file: ts.SourceFile, name: string): boolean => {
    for (const statement of file.statements) {
      if (!isTypeDeclaration(statement) || statement.name.text !== name) continue;
      const key = `${path}\0${name}`;
      if (!seen.has(key)) {
        seen.add(key);
        declarations.push(`// ${path}\n${statement.getText(file)}`);
      }
      return true;
    }
    return false;
  };
  const importedFrom = new Map<string, string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings === undefined || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) importedFrom.set(element.name.text, statement.moduleSpecifier.text);
  }
  for (const name of typeNames) {
    // A type declared in the source file is in the prompt already, with the file.
    if (source.statements.some((statement) => isTypeDeclaration(statement) && statement.name.text === name)) continue;
    const specifier = importedFrom.get(name);
    const target = specifier === undefined ? undefined : params.resolve(params.sourcePath, specifier);
    const text = target === undefined ? undefined : params.readText(target);
    if (target !== undefined && text !== undefined) addFrom(target, parseSource(target, text), name);
  }
  let typesText = declarations.join("\n\n");
  if (typesText.length > MAX_TYPES_CHARS) typesText = typesText.slice(0, MAX_TYPES_CHARS);

  // 2. Callers on the pull request's added lines.
  const names = new Set(params.symbols.flatMap((symbol) => [symbol.member ?? (symbol.exportName === "default" ? symbol.name : symbol.exportName), ...symbol.methods]));
  const pattern = names.size === 0 ? undefined : new RegExp(`\\b(?:${[...names].map(escape).join("|")})\\s*\\(`);
  const callers: { path: string; line: number; text: string }[] = [];
  for (const file of pattern === undefined ? [] : params.diff) {
    for (const hunk of file.hunks) {
      for (const line of hunk.lines) {
        if (callers.length >= MAX_CALLERS || line.kind !== "add" || line.newLine === undefined || pattern?.test(line.content) !== true) continue;
        if (file.path === params.sourcePath && /\b(?:function|class)\b|^\s*(?:export\s+)?(?:const|let)\b/.test(line.content)) continue;
        callers.push({ path: file.path, line: line.newLine, text: line.content });
      }
    }
  }
  return { typesText, callers };
}

function isTypeDeclaration(node: ts.Node): node is ts.InterfaceDeclaration | ts.TypeAliasDeclaration | ts.EnumDeclaration | (ts.ClassDeclaration & { name: ts.Identifier }) {
  return ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isEnumDeclaration(node) || (ts.isClassDeclaration(node) && node.name !== undefined);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
