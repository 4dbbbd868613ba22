import ts from "typescript";
import { parseSource } from "../analyze/parse-source.js";

/** A text change: [start, end) replaced by `text`. */
interface Change {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * A generated test file without the variables and imported names it never
 * uses — the small models' commonest lint error (`const items = await
 * loadItems();` then never reading `items`), which otherwise costs a repair
 * call the model tends to answer with the same file. Only names that occur
 * once in the whole file (their declaration) are touched, so scoping and
 * shadowing cannot make it wrong: a variable whose initializer may do
 * something (a call, `await`, `new`, an assignment) keeps it as a statement;
 * an import left with no names goes. Exports and destructuring are left
 * alone. Returns the text unchanged when it does not parse.
 */
export function dropUnusedLocals(path: string, code: string): string {
  const source = parseSource(path, code);
  if ((source as unknown as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics?.length) return code;
  const counts = new Map<string, number>();
  const count = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) counts.set(node.text, (counts.get(node.text) ?? 0) + 1);
    ts.forEachChild(node, count);
  };
  count(source);
  const unused = (name: ts.Identifier): boolean => counts.get(name.text) === 1;

  const changes: Change[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableStatement(node) && !node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      const [declaration, ...more] = node.declarationList.declarations;
      if (declaration !== undefined && more.length === 0 && ts.isIdentifier(declaration.name) && unused(declaration.name)) {
        const init = declaration.initializer;
        changes.push(init !== undefined && mayDoSomething(init) ? { start: node.getStart(source), end: node.getEnd(), text: `${init.getText(source)};` } : wholeLines(code, node.getStart(source), node.getEnd()));
        return;
      }
    }
    if (ts.isImportDeclaration(node)) {
      const change = trimImport(source, code, node, unused);
      if (change !== undefined) changes.push(change);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let text = code;
  for (const change of changes.sort((a, b) => b.start - a.start)) text = text.slice(0, change.start) + change.text + text.slice(change.end);
  return text;
}

/** An import without its unused named bindings; gone when none is left (never a side-effect-only import). */
function trimImport(source: ts.SourceFile, code: string, node: ts.ImportDeclaration, unused: (name: ts.Identifier) => boolean): Change | undefined {
  const clause = node.importClause;
  if (clause === undefined) return undefined;
  const named = clause.namedBindings !== undefined && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings : undefined;
  if (clause.namedBindings !== undefined && named === undefined) return undefined; // a namespace import: left alone
  const keptDefault = clause.name !== undefined && !unused(clause.name);
  const elements = named?.elements ?? [];
  const kept = elements.filter((element) => !unused(element.name));
  const dropsDefault = clause.name !== undefined && !keptDefault;
  if (kept.length === elements.length && !dropsDefault) return undefined;
  if (kept.length === 0 && !keptDefault) return wholeLines(code, node.getStart(source), node.getEnd());
  if (named === undefined || dropsDefault) return undefined; // keep it simple: only named bindings are trimmed beside a default
  const list = kept.map((element) => element.getText(source)).join(", ");
  return { start: named.getStart(source), end: named.getEnd(), text: kept.length === 0 ? "" : `{ ${list} }` };
}

/** Whether evaluating the expression could do something besides producing a value. */
function mayDoSomething(node: ts.Node): boolean {
  if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isAwaitExpression(node) || ts.isYieldExpression(node) || ts.isTaggedTemplateExpression(node)) return true;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
  if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) return true;
  if (ts.isDeleteExpression(node)) return true;
  // A function's body runs only when called.
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isClassExpression(node)) return false;
  return ts.forEachChild(node, (child) => (mayDoSomething(child) ? true : undefined)) ?? false;
}

/** Remove [start, end) and, when nothing else is on its lines, the lines themselves. */
function wholeLines(code: string, start: number, end: number): Change {
  const lineStart = code.lastIndexOf("\n", start - 1) + 1;
  const nextNewline = code.indexOf("\n", end);
  const lineEnd = nextNewline === -1 ? code.length : nextNewline + 1;
  const alone = code.slice(lineStart, start).trim() === "" && code.slice(end, nextNewline === -1 ? code.length : nextNewline).trim() === "";
  return alone ? { start: lineStart, end: lineEnd, text: "" } : { start, end, text: "" };
}
