import { createHash } from "node:crypto";
import ts from "typescript";
import { createLru } from "../workspace/create-lru.js";
import { parseSource } from "./parse-source.js";

/** One name an import binds: `imported` is "default" for a default import. */
export interface ImportBinding {
  readonly imported: string;
  readonly local: string;
}

export interface ModuleImport {
  readonly specifier: string;
  /** 1-based line of the import. */
  readonly line: number;
  readonly kind: "import" | "require" | "dynamic";
  /** Named and default bindings (empty for a namespace import, require, dynamic or side-effect import). */
  readonly bindings: readonly ImportBinding[];
  /** Every export is reachable by its own name (namespace import, `require`, `import()`). */
  readonly whole: boolean;
  readonly typeOnly: boolean;
}

export interface ReExport {
  readonly specifier: string;
  /** `export * from` (or `export * as ns from`). */
  readonly all: boolean;
  readonly names: readonly { readonly imported: string; readonly exported: string }[];
}

export interface ModuleReferences {
  readonly imports: readonly ModuleImport[];
  readonly reexports: readonly ReExport[];
  /** Identifiers and property names used outside import declarations. */
  readonly mentions: ReadonlySet<string>;
}

/**
 * What a module imports and re-exports, and which names its code mentions,
 * read from the AST (nothing is resolved or run). A test "mentions" a symbol
 * when the name appears outside its import lines: as an identifier, a property
 * name (`Stack.prototype.push`, `cart.total()`) or a string key (`obj["push"]`).
 */
export function readModuleReferences(path: string, text: string): ModuleReferences {
  const key = `${path}\u0000${createHash("sha1").update(text).digest("hex")}`;
  const known = references.get(key);
  if (known) return known;
  const read = readReferences(path, text);
  references.set(key, read);
  return read;
}

/** Read once per path and text in a process: the next review's tests and modules are mostly the same files. */
const references = createLru<string, ModuleReferences>(2000);

function readReferences(path: string, text: string): ModuleReferences {
  const source = parseSource(path, text);
  const imports: ModuleImport[] = [];
  const reexports: ReExport[] = [];
  const mentions = new Set<string>();
  const lineOf = (node: ts.Node): number => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      if (ts.isStringLiteral(node.moduleSpecifier)) imports.push(readImport(node, node.moduleSpecifier.text, lineOf(node)));
      return;
    }
    if (ts.isImportEqualsDeclaration(node)) {
      const reference = node.moduleReference;
      if (ts.isExternalModuleReference(reference) && ts.isStringLiteral(reference.expression)) {
        imports.push({
          specifier: reference.expression.text,
          line: lineOf(node),
          kind: "require",
          bindings: [{ imported: "default", local: node.name.text }],
          whole: true,
          typeOnly: node.isTypeOnly,
        });
      }
      return;
    }
    if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined) {
      if (ts.isStringLiteral(node.moduleSpecifier) && !node.isTypeOnly) reexports.push(readReExport(node, node.moduleSpecifier.text));
      return;
    }
    if (ts.isVariableDeclaration(node) && node.initializer !== undefined) {
      const specifier = requiredSpecifier(node.initializer);
      if (specifier !== undefined) {
        // `const x = require("m")` binds the module; `const { a, b: c } = require("m")` binds names. Neither is a use.
        imports.push({ specifier, line: lineOf(node), kind: "require", ...requireBindings(node.name) });
        return;
      }
    }
    if (ts.isCallExpression(node)) {
      const [first] = node.arguments;
      const specifier = first !== undefined && ts.isStringLiteralLike(first) ? first.text : undefined;
      if (specifier !== undefined && node.arguments.length === 1) {
        if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
          imports.push({ specifier, line: lineOf(node), kind: "dynamic", bindings: [], whole: true, typeOnly: false });
        } else if (requiredSpecifier(node) !== undefined) {
          imports.push({ specifier, line: lineOf(node), kind: "require", bindings: [], whole: true, typeOnly: false });
        }
      }
    }
    if (ts.isIdentifier(node)) mentions.add(node.text);
    else if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression)) mentions.add(node.argumentExpression.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { imports, reexports, mentions };
}

function readImport(node: ts.ImportDeclaration, specifier: string, line: number): ModuleImport {
  const clause = node.importClause;
  const bindings: ImportBinding[] = [];
  let whole = false;
  if (clause?.name !== undefined) bindings.push({ imported: "default", local: clause.name.text });
  const named = clause?.namedBindings;
  if (named !== undefined) {
    if (ts.isNamespaceImport(named)) whole = true;
    else for (const element of named.elements) bindings.push({ imported: (element.propertyName ?? element.name).text, local: element.name.text });
  }
  return { specifier, line, kind: "import", bindings, whole, typeOnly: clause?.phaseModifier === ts.SyntaxKind.TypeKeyword };
}

function readReExport(node: ts.ExportDeclaration, specifier: string): ReExport {
  const clause = node.exportClause;
  if (clause === undefined || ts.isNamespaceExport(clause)) return { specifier, all: true, names: [] };
  return {
    specifier,
    all: false,
    names: clause.elements.filter((element) => !element.isTypeOnly).map((element) => ({ imported: (element.propertyName ?? element.name).text, exported: element.name.text })),
  };
}

/** The specifier of `require("m")` (parentheses and casts around it allowed), else undefined. */
function requiredSpecifier(expression: ts.Expression): string | undefined {
  let current = expression;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current)) current = current.expression;
  if (!ts.isCallExpression(current) || !ts.isIdentifier(current.expression) || current.expression.text !== "require") return undefined;
  const [first] = current.arguments;
  return current.arguments.length === 1 && first !== undefined && ts.isStringLiteralLike(first) ? first.text : undefined;
}

function requireBindings(name: ts.BindingName): { bindings: ImportBinding[]; whole: boolean; typeOnly: false } {
  if (ts.isIdentifier(name)) return { bindings: [{ imported: "default", local: name.text }], whole: true, typeOnly: false };
  const bindings: ImportBinding[] = [];
  if (ts.isObjectBindingPattern(name)) {
    for (const element of name.elements) {
      const property = element.propertyName ?? element.name;
      if (ts.isIdentifier(element.name) && (ts.isIdentifier(property) || ts.isStringLiteral(property))) bindings.push({ imported: property.text, local: element.name.text });
    }
  }
  return { bindings, whole: false, typeOnly: false };
}
