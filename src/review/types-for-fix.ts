import ts from "typescript";
import { parseSource } from "../analyze/parse-source.js";
import type { Diagnostic } from "../types.js";

const MAX_CHARS = 2_000;
/** Lines the fix prompt shows around the task (its widest level): declarations within them are in the prompt already. */
const SHOWN_AROUND = 40;
const EXTENSIONS = [".ts", ".tsx", ".d.ts", ".mts", ".cts", "/index.ts", "/index.tsx"];

/**
 * The declarations of the types a fix task is about, for the model to see:
 * the capitalised names the diagnostics quote ('Order', 'Owner | undefined')
 * and the type references of the statement holding the task's lines (a
 * parameter's `LoggerOptions`), looked up in the file (when declared beyond the
 * lines the prompt shows) and in the repository files it imports relatively.
 * An imported declaration brings the types it names that its own file declares
 * (one level). A small model fixing `order.country` on an `Order` it cannot see
 * can only guess; with the interface it picks the property that exists. Data only:
 * files are parsed, never run. Empty when nothing is found.
 */
export function typesForFix(params: {
  readonly path: string;
  readonly fileText: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly diagnostics: readonly Diagnostic[];
  readonly readText: (path: string) => string | undefined;
  readonly knownPaths: ReadonlySet<string>;
}): string {
  const source = parseSource(params.path, params.fileText);
  const lineOf = (pos: number): number => source.getLineAndCharacterOfPosition(pos).line + 1;
  const names = new Set<string>();
  for (const d of params.diagnostics) for (const quoted of d.message.matchAll(/'([^']+)'/g)) for (const name of (quoted[1] ?? "").match(/\b[A-Z][A-Za-z0-9_]*\b/g) ?? []) names.add(name);
  const around = source.statements.find((s) => lineOf(s.getStart(source)) <= params.endLine && lineOf(s.getEnd()) >= params.startLine);
  const collect = (node: ts.Node): void => {
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && /^[A-Z]/.test(node.typeName.text)) names.add(node.typeName.text);
    ts.forEachChild(node, collect);
  };
  if (around !== undefined) collect(around);
  if (names.size === 0) return "";

  const out: string[] = [];
  let room = MAX_CHARS;
  const add = (path: string, text: string): void => {
    if (room <= 0) return;
    const piece = `// ${path}\n${text}`.slice(0, room);
    room -= piece.length;
    out.push(piece);
  };
  const imports = new Map<string, string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !statement.moduleSpecifier.text.startsWith(".")) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings !== undefined && ts.isNamedImports(bindings)) for (const element of bindings.elements) imports.set(element.name.text, statement.moduleSpecifier.text);
  }
  const parsed = new Map<string, ts.SourceFile | undefined>();
  for (const name of names) {
    const local = declarationOf(source, name);
    if (local !== undefined) {
      const line = lineOf(local.getStart(source));
      if (line < params.startLine - SHOWN_AROUND || line > params.endLine + SHOWN_AROUND) add(params.path, local.getText(source));
      continue;
    }
    const specifier = imports.get(name);
    const target = specifier === undefined ? undefined : resolveRelative(params.path, specifier, params.knownPaths);
    if (target === undefined) continue;
    if (!parsed.has(target)) {
      const text = params.readText(target);
      parsed.set(target, text === undefined ? undefined : parseSource(target, text));
    }
    const file = parsed.get(target);
    const declaration = file === undefined ? undefined : declarationOf(file, name);
    if (file === undefined || declaration === undefined) continue;
    add(target, declaration.getText(file));
    // One level down, in the same file: the `Customer` of `Order.customer`.
    const nested = new Set<string>();
    const inner = (node: ts.Node): void => {
      if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && /^[A-Z]/.test(node.typeName.text) && !names.has(node.typeName.text)) nested.add(node.typeName.text);
      ts.forEachChild(node, inner);
    };
    inner(declaration);
    for (const child of nested) {
      const found = declarationOf(file, child);
      if (found !== undefined) add(target, found.getText(file));
    }
  }
  return out.join("\n\n");
}

function declarationOf(file: ts.SourceFile, name: string): ts.Node | undefined {
  return file.statements.find(
    (s) => (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s) || ts.isEnumDeclaration(s) || ts.isClassDeclaration(s)) && s.name?.text === name,
  );
}

/** A relative import's repository file: `./rows.js` is `rows.ts` (TypeScript's own mapping), else the name with an extension or an index. */
function resolveRelative(from: string, specifier: string, known: ReadonlySet<string>): string | undefined {
  const dir = from.split("/").slice(0, -1);
  for (const part of specifier.split("/")) {
    if (part === "..") dir.pop();
    else if (part !== ".") dir.push(part);
  }
  const joined = dir.join("/");
  const bare = joined.replace(/\.(?:[cm]?js|jsx)$/, "");
  for (const candidate of [joined, ...EXTENSIONS.map((ext) => `${bare}${ext}`)]) if (known.has(candidate) && /\.[cm]?tsx?$/.test(candidate)) return candidate;
  return undefined;
}
