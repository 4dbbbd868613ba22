import ts from "typescript";
import { parseSource } from "./parse-source.js";

/** An exported function, class or public method whose lines the change added or modified. */
export interface ChangedExport {
  readonly path: string;
  /** How a reader names it: "add", "Stack", "Stack.push", "greet" (for a named default export), "default". */
  readonly name: string;
  readonly kind: "function" | "class" | "method";
  /** The name it is exported under ("default" for a default export); for a method, its class's. */
  readonly exportName: string;
  /** For a method: the method's name. */
  readonly member?: string;
  /** First and last line of the declaration (1-based). */
  readonly line: number;
  readonly endLine: number;
  /** The first added or modified line inside it (for a class: outside its methods). */
  readonly changedLine: number;
}

interface LocalDeclaration {
  readonly kind: "function" | "class";
  readonly nodes: ts.Node[];
  readonly classNode?: ts.ClassLikeDeclaration;
}

/**
 * The exported functions, classes and public methods of one module whose
 * lines intersect `changedLines` (every line when omitted), read from the
 * TypeScript AST: `export function`, `export const f = () => …`, `export
 * class`, `export default`, `export { a as b }`, and CommonJS `module.exports`
 * / `exports.x`. Types, interfaces, constants that are not functions and
 * re-exports of other modules are not listed.
 */
export function listChangedExports(params: { readonly path: string; readonly text: string; readonly changedLines?: ReadonlySet<number> }): ChangedExport[] {
  const source = parseSource(params.path, params.text);
  const lineOf = (position: number): number => source.getLineAndCharacterOfPosition(position).line + 1;
  const changed = (line: number): boolean => params.changedLines === undefined || params.changedLines.has(line);
  const locals = new Map<string, LocalDeclaration>();
  const exported: { readonly local: string; readonly exported: string }[] = [];
  let inlineDefault = 0;

  const addLocal = (name: string, declaration: LocalDeclaration): void => {
    const existing = locals.get(name);
    // Overloads and a declaration merged with a namespace share one name.
    if (existing?.kind === declaration.kind) existing.nodes.push(...declaration.nodes);
    else if (existing === undefined) locals.set(name, declaration);
  };
  /** A declaration exported as default without a name of its own gets a private key. */
  const addInline = (node: ts.Node, kind: "function" | "class", exportedAs: string): void => {
    const key = `\0inline${inlineDefault++}`;
    addLocal(key, { kind, nodes: [node], ...(ts.isClassLike(node) ? { classNode: node } : {}) });
    exported.push({ local: key, exported: exportedAs });
  };

  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) {
      const kind = ts.isFunctionDeclaration(statement) ? "function" : "class";
      const isExported = hasModifier(statement, ts.SyntaxKind.ExportKeyword);
      const isDefault = hasModifier(statement, ts.SyntaxKind.DefaultKeyword);
      if (hasModifier(statement, ts.SyntaxKind.DeclareKeyword)) continue;
      if (statement.name === undefined) {
        if (isExported && isDefault) addInline(statement, kind, "default");
        continue;
      }
      const name = statement.name.text;
      addLocal(name, { kind, nodes: [statement], ...(ts.isClassDeclaration(statement) ? { classNode: statement } : {}) });
      if (isExported) exported.push({ local: name, exported: isDefault ? "default" : name });
    } else if (ts.isVariableStatement(statement)) {
      const isExported = hasModifier(statement, ts.SyntaxKind.ExportKeyword);
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name) || declaration.initializer === undefined) continue;
        const value = unwrap(declaration.initializer);
        const kind = kindOf(value);
        if (kind === undefined) continue;
        const node = statement.declarationList.declarations.length === 1 ? statement : declaration;
        addLocal(declaration.name.text, { kind, nodes: [node], ...(ts.isClassExpression(value) ? { classNode: value } : {}) });
        if (isExported) exported.push({ local: declaration.name.text, exported: declaration.name.text });
      }
    } else if (ts.isExportDeclaration(statement)) {
      if (statement.moduleSpecifier !== undefined || statement.isTypeOnly || statement.exportClause === undefined || !ts.isNamedExports(statement.exportClause)) continue;
      for (const element of statement.exportClause.elements) {
        if (element.isTypeOnly) continue;
        exported.push({ local: (element.propertyName ?? element.name).text, exported: element.name.text });
      }
    } else if (ts.isExportAssignment(statement)) {
      const value = unwrap(statement.expression);
      if (ts.isIdentifier(value)) exported.push({ local: value.text, exported: "default" });
      else {
        const kind = kindOf(value);
        if (kind !== undefined) addInline(value, kind, "default");
      }
    } else if (ts.isExpressionStatement(statement)) {
      readCommonJsExports(statement, addInline, exported);
    }
  }

  const results: ChangedExport[] = [];
  const seen = new Set<string>();
  for (const { local, exported: exportName } of exported) {
    const declaration = locals.get(local);
    if (declaration === undefined) continue;
    const key = `${exportName}\0${local}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const displayName = exportName === "default" && !local.startsWith("\0") ? local : exportName;
    const line = Math.min(...declaration.nodes.map((node) => lineOf(node.getStart(source))));
    const endLine = Math.max(...declaration.nodes.map((node) => lineOf(node.getEnd())));
    const base = { path: params.path, exportName, line, endLine };
    if (declaration.kind === "function") {
      const first = firstLine(line, endLine, changed, []);
      if (first !== undefined) results.push({ ...base, name: displayName, kind: "function", changedLine: first });
      continue;
    }
    const methods = publicMethods(declaration.classNode).map((method) => ({
      name: method.name,
      line: lineOf(method.node.getStart(source)),
      endLine: lineOf(method.node.getEnd()),
    }));
    const own = firstLine(line, endLine, changed, methods);
    if (own !== undefined) results.push({ ...base, name: displayName, kind: "class", changedLine: own });
    for (const method of methods) {
      const first = firstLine(method.line, method.endLine, changed, []);
      if (first === undefined) continue;
      results.push({
        ...base,
        name: `${displayName}.${method.name}`,
        kind: "method",
        member: method.name,
        line: method.line,
        endLine: method.endLine,
        changedLine: first,
      });
    }
  }
  return results.sort((a, b) => a.line - b.line || a.name.localeCompare(b.name));
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === kind);
}

/** `(x)`, `x as T`, `x satisfies T`, `<T>x`, `x!` → x. */
function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isTypeAssertionExpression(current) ||
    ts.isNonNullExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

function kindOf(value: ts.Expression): "function" | "class" | undefined {
  if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return "function";
  if (ts.isClassExpression(value)) return "class";
  return undefined;
}

function publicMethods(node: ts.ClassLikeDeclaration | undefined): { readonly name: string; readonly node: ts.Node }[] {
  if (node === undefined) return [];
  const methods: { name: string; node: ts.Node }[] = [];
  for (const member of node.members) {
    if (!ts.isMethodDeclaration(member) || member.body === undefined) continue;
    if (hasModifier(member, ts.SyntaxKind.PrivateKeyword) || hasModifier(member, ts.SyntaxKind.ProtectedKeyword)) continue;
    const { name } = member;
    if (ts.isIdentifier(name) || ts.isStringLiteral(name)) methods.push({ name: name.text, node: member });
  }
  return methods;
}

/** The first line of start..end that changed and is not inside one of `holes`. */
function firstLine(start: number, end: number, changed: (line: number) => boolean, holes: readonly { readonly line: number; readonly endLine: number }[]): number | undefined {
  for (let line = start; line <= end; line++) {
    if (holes.some((hole) => line >= hole.line && line <= hole.endLine)) continue;
    if (changed(line)) return line;
  }
  return undefined;
}

/** `module.exports = { a, b: c }`, `module.exports = fn`, `exports.a = a`, `module.exports.a = function () {}`. */
function readCommonJsExports(
  statement: ts.ExpressionStatement,
  addInline: (node: ts.Node, kind: "function" | "class", exportedAs: string) => void,
  exported: { readonly local: string; readonly exported: string }[],
): void {
  const expression = statement.expression;
  if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
  const target = expression.left;
  const value = unwrap(expression.right);
  const exportedAs = commonJsName(target);
  if (exportedAs === undefined) return;
  if (exportedAs === "default" && ts.isObjectLiteralExpression(value)) {
    for (const property of value.properties) {
      if (ts.isShorthandPropertyAssignment(property)) exported.push({ local: property.name.text, exported: property.name.text });
      else if (ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) {
        const init = unwrap(property.initializer);
        if (ts.isIdentifier(init)) exported.push({ local: init.text, exported: property.name.text });
        else {
          const kind = kindOf(init);
          if (kind !== undefined) addInline(init, kind, property.name.text);
        }
      } else if (ts.isMethodDeclaration(property) && ts.isIdentifier(property.name)) {
        addInline(property, "function", property.name.text);
      }
    }
    return;
  }
  if (ts.isIdentifier(value)) {
    exported.push({ local: value.text, exported: exportedAs });
    return;
  }
  const kind = kindOf(value);
  if (kind !== undefined) addInline(value, kind, exportedAs);
}

/** "default" for `module.exports`, "x" for `exports.x` / `module.exports.x`, else undefined. */
function commonJsName(target: ts.Expression): string | undefined {
  const isModuleExports = (node: ts.Expression): boolean =>
    ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "module" && node.name.text === "exports";
  if (isModuleExports(target)) return "default";
  if (!ts.isPropertyAccessExpression(target)) return undefined;
  const owner = target.expression;
  if ((ts.isIdentifier(owner) && owner.text === "exports") || isModuleExports(owner)) return target.name.text;
  return undefined;
}
