import ts from "typescript";
import { applyEdit, EditRangeError } from "../analyze/apply-edit.js";
import { parseSource } from "../analyze/parse-source.js";
import type { Diagnostic, Edit } from "../types.js";

/** What the value expressions of some lines mention: names, called functions, literal operands. */
interface Mentions {
  readonly names: Set<string>;
  readonly calls: Map<string, string>;
  readonly literals: Set<string>;
  /** Initial values of declared variables (and returned values, as "return"), by name: their text and whether it is a literal. */
  readonly values: Map<string, { readonly text: string; readonly literal: boolean }>;
  /** Every variable declared on the lines. */
  readonly declared: Set<string>;
}

const MAX_SHOWN = 40;

/**
 * Why a model's edit changes what the code computes, with the TypeScript AST
 * (empty when it keeps it): compiling is not enough for a fix. Compared over
 * the edited lines before and after, in value positions only (types may change):
 *  - a call that is gone ("it drops the call `add(…)`");
 *  - a name or a literal operand that is gone;
 *  - a variable's (or a return's) computed value replaced by a literal.
 * Names and operands inside the span of a diagnostic the fix is for are the
 * ones it may change (`u.nmae` → `u.name` for TS2339 on `nmae`); a declaration
 * the diagnostic points at may go whole, its initial value with it (an unused
 * variable removed).
 */
export function checkKeepsBehaviour(params: { readonly text: string; readonly edit: Edit; readonly pointedAt?: readonly Diagnostic[] }): string[] {
  const { edit, text } = params;
  let after: string;
  try {
    after = applyEdit(text, edit);
  } catch (error) {
    if (error instanceof EditRangeError) return [];
    throw error;
  }
  const editedLines = edit.deletion === true ? 0 : edit.replacement.split(/\r?\n/).length;
  const exempt = (params.pointedAt ?? []).filter((d) => d.path === edit.path);
  const now = mentionsOn(edit.path, after, edit.startLine, edit.startLine + editedLines - 1, [], new Set());
  const before = mentionsOn(edit.path, text, edit.startLine, edit.endLine, exempt, now.declared);

  const reasons: string[] = [];
  for (const [name, value] of before.values) {
    const next = now.values.get(name);
    if (!value.literal && next?.literal === true) {
      const of = name === "return" ? "the returned value" : `the computed value of \`${name}\``;
      reasons.push(`it replaces ${of}, \`${shorten(value.text)}\`, with the literal \`${shorten(next.text)}\`; a fix must keep what the code computes`);
    }
  }
  const droppedCalls = [...before.calls].filter(([callee]) => !now.calls.has(callee));
  for (const [, shown] of droppedCalls) reasons.push(`it drops the call \`${shown}\`, which the diagnostic did not point at`);
  const callees = new Set(droppedCalls.map(([callee]) => callee.split(".").at(-1) ?? callee));
  const droppedNames = [...before.names].filter((name) => !now.names.has(name) && !callees.has(name));
  if (droppedNames.length > 0) reasons.push(`it drops ${list(droppedNames)}, which the diagnostic did not point at`);
  const droppedLiterals = [...before.literals].filter((literal) => !now.literals.has(literal));
  if (droppedLiterals.length > 0) reasons.push(`it drops the ${droppedLiterals.length === 1 ? "operand" : "operands"} ${list(droppedLiterals)}`);
  return reasons;
}

function mentionsOn(path: string, text: string, from: number, to: number, exempt: readonly Diagnostic[], kept: ReadonlySet<string>): Mentions {
  const mentions: Mentions = { names: new Set(), calls: new Map(), literals: new Set(), values: new Map(), declared: new Set() };
  if (to < from) return mentions;
  const source = parseSource(path, text);
  const lineOf = (position: number): number => source.getLineAndCharacterOfPosition(position).line + 1;
  const inRange = (node: ts.Node): boolean => {
    const start = lineOf(node.getStart(source));
    return start >= from && start <= to;
  };
  const pointed = (node: ts.Node): boolean => {
    const start = source.getLineAndCharacterOfPosition(node.getStart(source));
    const end = source.getLineAndCharacterOfPosition(node.getEnd());
    return exempt.some((d) => !precedes(end.line + 1, end.character + 1, d.line, d.column) && !precedes(d.endLine, d.endColumn, start.line + 1, start.character + 1));
  };
  const visit = (node: ts.Node): void => {
    if (ts.isTypeNode(node) || ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node)) return;
    if (inRange(node)) record(node, source, mentions, pointed);
    // A pointed-at declaration the edit removes takes its initial value with it.
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && exempt.length > 0 && pointed(node.name) && !kept.has(node.name.text)) return;
    ts.forEachChild(node, visit);
  };
  visit(source);
  return mentions;
}

/** Line/column (1-based) a is strictly before b. */
function precedes(aLine: number, aColumn: number, bLine: number, bColumn: number): boolean {
  return aLine < bLine || (aLine === bLine && aColumn < bColumn);
}

/** Records what `node` mentions; names, operands and calls inside a diagnostic's span (`pointed`) are the fix's to change. */
function record(node: ts.Node, source: ts.SourceFile, mentions: Mentions, pointed: (node: ts.Node) => boolean): void {
  if (ts.isIdentifier(node)) {
    if (isValuePosition(node) && !pointed(node)) mentions.names.add(node.text);
  } else if (ts.isNumericLiteral(node) || ts.isBigIntLiteral(node)) {
    if (!pointed(node)) mentions.literals.add(node.text);
  } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    if (!ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent) && !pointed(node)) mentions.literals.add(node.text);
  } else if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
    if (pointed(node.expression)) return;
    const callee = node.expression.getText(source).replace(/\s+/g, "").replace(/\?\./g, ".");
    mentions.calls.set(callee, `${shorten(node.expression.getText(source))}(…)`);
  } else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
    mentions.declared.add(node.name.text);
    if (node.initializer !== undefined) mentions.values.set(node.name.text, { text: node.initializer.getText(source), literal: isLiteral(node.initializer) });
  } else if (ts.isReturnStatement(node) && node.expression !== undefined) {
    mentions.values.set("return", { text: node.expression.getText(source), literal: isLiteral(node.expression) });
  }
}

/** A name that stands for a value: not a property name being declared, not a label, not a type. */
function isValuePosition(node: ts.Identifier): boolean {
  const parent = node.parent;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) && parent.name === node) return false;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false;
  if (ts.isImportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent) || ts.isExportSpecifier(parent)) return false;
  return true;
}

function isLiteral(node: ts.Expression): boolean {
  let inner = node;
  while (ts.isParenthesizedExpression(inner) || ts.isAsExpression(inner) || ts.isSatisfiesExpression(inner)) inner = inner.expression;
  if (ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.MinusToken) inner = inner.operand;
  return (
    ts.isNumericLiteral(inner) ||
    ts.isBigIntLiteral(inner) ||
    ts.isStringLiteral(inner) ||
    ts.isNoSubstitutionTemplateLiteral(inner) ||
    inner.kind === ts.SyntaxKind.TrueKeyword ||
    inner.kind === ts.SyntaxKind.FalseKeyword ||
    inner.kind === ts.SyntaxKind.NullKeyword
  );
}

function list(items: readonly string[]): string {
  const shown = items.slice(0, 5).map((item) => `\`${shorten(item)}\``);
  return items.length > 5 ? `${shown.join(", ")} and ${items.length - 5} more` : shown.join(", ");
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > MAX_SHOWN ? `${flat.slice(0, MAX_SHOWN - 1)}…` : flat;
}
