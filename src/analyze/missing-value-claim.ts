import ts from "typescript";

/**
 * What TypeScript says of a model's claim that a value may be missing ("`x`
 * may be undefined"): for each expression the claim names in backticks that
 * stands on the finding's lines, whether its type admits `null` or
 * `undefined`. "refuted" when every such expression's type excludes both
 * under strictNullChecks, so the compiler proves the value is there; "open"
 * otherwise. Not judged: `any`/`unknown` (and type parameters), `void` call
 * results, and expressions holding an index (`rows[0]`), a non-null
 * assertion (`x!`) or a type assertion, where the type says less than the
 * runtime can do; so is nothing when no named expression is on the lines.
 * A value typed by a declaration the environment lacks (or an unknown name)
 * reads as `any` (the error type), so it is never refuted.
 */
export function judgeMissingValueClaim(params: {
  readonly checker: ts.TypeChecker;
  readonly source: ts.SourceFile;
  /** 1-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
  /** The claim's text: its backtick spans name the expressions. */
  readonly claim: string;
  /** The project's strictNullChecks: without it no type admits null or undefined, and nothing is refuted. */
  readonly strictNullChecks: boolean;
}): "refuted" | "open" {
  if (!params.strictNullChecks) return "open";
  const named = new Set([...params.claim.matchAll(/`([^`\n]{1,200})`/g)].map((match) => compact(match[1] ?? "")).filter((text) => text !== ""));
  if (named.size === 0) return "open";
  const { source, checker } = params;
  const start = source.getPositionOfLineAndCharacter(Math.max(0, params.startLine - 1), 0);
  const end = params.endLine >= source.getLineStarts().length ? source.getEnd() : source.getPositionOfLineAndCharacter(params.endLine, 0);
  const verdicts: boolean[] = [];
  const visit = (node: ts.Node): void => {
    if (node.getEnd() < start || node.getStart(source) > end) return;
    if (isValueReference(node) && node.getStart(source) >= start && named.has(compact(node.getText(source)))) {
      const judged = judge(checker, node);
      if (judged !== undefined) verdicts.push(judged);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return verdicts.length > 0 && verdicts.every((present) => present) ? "refuted" : "open";
}

/** true: the type excludes null and undefined; false: it admits one; undefined: not judged. */
function judge(checker: ts.TypeChecker, node: ts.Expression): boolean | undefined {
  if (holdsUnreliable(node)) return undefined;
  const type = checker.getTypeAtLocation(node);
  if (ts.isCallExpression(node) && type.flags & ts.TypeFlags.Void) return undefined;
  const parts = type.isUnion() ? type.types : [type];
  if (parts.some((part) => part.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter | ts.TypeFlags.Void))) return undefined;
  return !parts.some((part) => part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null));
}

function isValueReference(node: ts.Node): node is ts.Expression {
  return ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || ts.isCallExpression(node) || node.kind === ts.SyntaxKind.ThisKeyword;
}

/** An index, a non-null assertion or a type assertion anywhere in it: the type is not the whole story. */
function holdsUnreliable(node: ts.Node): boolean {
  if (ts.isElementAccessExpression(node) || ts.isNonNullExpression(node) || ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) return true;
  return ts.forEachChild(node, (child) => (holdsUnreliable(child) ? true : undefined)) === true;
}

function compact(text: string): string {
  return text.replace(/\s+/g, "").replace(/[;.]+$/, "");
}
