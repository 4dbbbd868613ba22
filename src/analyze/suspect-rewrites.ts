import ts from "typescript";

/** What a rewrite would change about the code, were the code wrong. */
export type RewriteKind = "inverted-condition" | "off-by-one" | "other-property" | "missing-await" | "unwrapped-value" | "falsy-default" | "swapped-arguments";

/**
 * One small rewrite of changed code that a common slip would call for (a
 * comparison the other way, a bound off by one, a sibling property, a missing
 * `await`, …): the candidates a code model's likelihood then weighs against
 * the code as written (see likelyBugs). Mutation operators, as a mutation
 * tester or BugLab would list them, each kept to places where the slip is
 * possible at all (types decide: a promise, a property of the same type).
 */
export interface SuspectRewrite {
  readonly kind: RewriteKind;
  /** Offsets in the file's text of the code replaced (start == end: an insertion). */
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
  /** 1-based lines of the expression the rewrite is about. */
  readonly startLine: number;
  readonly endLine: number;
  /** The expression as written, and as rewritten (one line, shortened). */
  readonly before: string;
  readonly after: string;
  /** Rewrites of one place share a site: at most one of them becomes a finding. */
  readonly site: number;
}

export interface SuspectRewriteParams {
  readonly source: ts.SourceFile;
  readonly checker: ts.TypeChecker;
  /** 1-based lines the change added: only expressions wholly on them are rewritten. */
  readonly lines: ReadonlySet<number>;
  /** Most rewrites returned, in the file's order. Default 40. */
  readonly limit?: number;
}

const NEGATED: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.LessThanToken]: ">=",
  [ts.SyntaxKind.LessThanEqualsToken]: ">",
  [ts.SyntaxKind.GreaterThanToken]: "<=",
  [ts.SyntaxKind.GreaterThanEqualsToken]: "<",
  [ts.SyntaxKind.EqualsEqualsEqualsToken]: "!==",
  [ts.SyntaxKind.ExclamationEqualsEqualsToken]: "===",
  [ts.SyntaxKind.EqualsEqualsToken]: "!=",
  [ts.SyntaxKind.ExclamationEqualsToken]: "==",
};

const BOUNDARY: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.LessThanToken]: "<=",
  [ts.SyntaxKind.LessThanEqualsToken]: "<",
  [ts.SyntaxKind.GreaterThanToken]: ">=",
  [ts.SyntaxKind.GreaterThanEqualsToken]: ">",
};

/** Sibling properties tried in place of one property, at most. */
const MAX_SIBLINGS = 3;

/** The candidate rewrites of the expressions on `lines`, in the file's order. */
export function listSuspectRewrites(params: SuspectRewriteParams): SuspectRewrite[] {
  const { source, checker, lines } = params;
  const text = source.getFullText();
  const out: SuspectRewrite[] = [];
  let site = 0;
  const lineOf = (pos: number): number => source.getLineAndCharacterOfPosition(pos).line + 1;
  const onChangedLines = (node: ts.Node): boolean => {
    const first = lineOf(node.getStart(source));
    const last = lineOf(node.getEnd());
    for (let line = first; line <= last; line++) if (!lines.has(line)) return false;
    return true;
  };
  const add = (node: ts.Node, kind: RewriteKind, start: number, end: number, replacement: string): void => {
    const nodeStart = node.getStart(source);
    const rewritten = text.slice(nodeStart, start) + replacement + text.slice(end, node.getEnd());
    out.push({ kind, start, end, replacement, startLine: lineOf(nodeStart), endLine: lineOf(node.getEnd()), before: oneLine(node.getText(source)), after: oneLine(rewritten), site });
  };

  const visit = (node: ts.Node): void => {
    if (onChangedLines(node)) {
      const before = out.length;
      rewrite(node);
      if (out.length > before) site++;
    }
    ts.forEachChild(node, visit);
  };

  const rewrite = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken;
      const negated = NEGATED[op.kind];
      if (negated !== undefined) add(node, "inverted-condition", op.getStart(source), op.getEnd(), negated);
      const boundary = BOUNDARY[op.kind];
      if (boundary !== undefined) add(node, "off-by-one", op.getStart(source), op.getEnd(), boundary);
      // `i < xs.length`: the last index is `length - 1`.
      if ((op.kind === ts.SyntaxKind.LessThanToken || op.kind === ts.SyntaxKind.LessThanEqualsToken) && ts.isPropertyAccessExpression(node.right) && node.right.name.text === "length") {
        add(node, "off-by-one", node.right.getEnd(), node.right.getEnd(), " - 1");
      }
      // `x + 1`, `x - 1`: the one may be the slip.
      if ((op.kind === ts.SyntaxKind.PlusToken || op.kind === ts.SyntaxKind.MinusToken) && ts.isNumericLiteral(node.right) && node.right.text === "1" && isNumber(checker.getTypeAtLocation(node.left))) {
        add(node, "off-by-one", node.left.getEnd(), node.getEnd(), "");
      }
      if (op.kind === ts.SyntaxKind.BarBarToken && keepsFalsyValues(checker.getTypeAtLocation(node.left))) {
        add(node, "falsy-default", op.getStart(source), op.getEnd(), "??");
      }
      return;
    }
    if (ts.isPropertyAccessExpression(node)) {
      for (const sibling of siblingProperties(checker, node)) add(node, "other-property", node.name.getStart(source), node.name.getEnd(), sibling);
      return;
    }
    if (ts.isCallExpression(node)) {
      if (isUnawaitedPromise(checker, node)) add(node, "missing-await", node.getStart(source), node.getStart(source), "await ");
      const swap = swappableArguments(checker, node);
      if (swap !== undefined) {
        const [a, b] = swap;
        add(node, "swapped-arguments", a.getStart(source), b.getEnd(), b.getText(source) + text.slice(a.getEnd(), b.getStart(source)) + a.getText(source));
      }
      return;
    }
    if (ts.isTemplateExpression(node)) {
      const wrap = unwrappedSpan(checker, node);
      if (wrap !== undefined) add(node, "unwrapped-value", wrap.expression.getStart(source), wrap.expression.getEnd(), `${wrap.callee}(${wrap.expression.getText(source)})`);
    }
  };

  visit(source);
  return out.slice(0, params.limit ?? 40);
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 100 ? `${flat.slice(0, 97)}...` : flat;
}

function isNumber(type: ts.Type): boolean {
  return (type.flags & ts.TypeFlags.NumberLike) !== 0;
}

/** `a || b` where `a` may be 0, "" or false as a value of its own and may also be missing: `??` keeps those. */
function keepsFalsyValues(type: ts.Type): boolean {
  const parts = type.isUnion() ? type.types : [type];
  const missing = parts.some((part) => (part.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) !== 0);
  const falsyValue = parts.some((part) => (part.flags & (ts.TypeFlags.Number | ts.TypeFlags.String)) !== 0);
  return missing && falsyValue;
}

/** Other properties of the object with exactly the same primitive type, for a read (not a call, not an assignment target). */
function siblingProperties(checker: ts.TypeChecker, node: ts.PropertyAccessExpression): string[] {
  if (!ts.isIdentifier(node.name)) return [];
  const parent = node.parent;
  if (ts.isCallExpression(parent) && parent.expression === node) return [];
  if (ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return [];
  const type = checker.getTypeAtLocation(node);
  if ((type.flags & (ts.TypeFlags.Number | ts.TypeFlags.String | ts.TypeFlags.Boolean)) === 0 || type.isUnion()) return [];
  const owner = checker.getTypeAtLocation(node.expression);
  const name = node.name.text;
  const siblings: string[] = [];
  for (const property of checker.getPropertiesOfType(owner)) {
    if (property.name === name || !/^[A-Za-z_$][\w$]*$/.test(property.name)) continue;
    const declaration = property.valueDeclaration;
    if (declaration === undefined || !(ts.isPropertySignature(declaration) || ts.isPropertyDeclaration(declaration) || ts.isParameter(declaration))) continue;
    if (checker.getTypeOfSymbolAtLocation(property, node) !== type) continue;
    siblings.push(property.name);
    if (siblings.length === MAX_SIBLINGS) break;
  }
  return siblings;
}

/** A promise a statement drops in an async function, or one returned from its try block (the catch never sees its rejection). */
function isUnawaitedPromise(checker: ts.TypeChecker, node: ts.CallExpression): boolean {
  const parent = node.parent;
  const statement = ts.isExpressionStatement(parent) ? parent : ts.isReturnStatement(parent) ? parent : undefined;
  if (statement === undefined) return false;
  const fn = ts.findAncestor(node, ts.isFunctionLike);
  if (fn === undefined || !(ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async)) return false;
  if (ts.isReturnStatement(statement)) {
    const tryStatement = ts.findAncestor(statement, (n) => n === fn || ts.isTryStatement(n));
    if (tryStatement === undefined || tryStatement === fn || !ts.isTryStatement(tryStatement) || !isWithin(statement, tryStatement.tryBlock)) return false;
  }
  const then = checker.getTypeAtLocation(node).getProperty("then");
  return then !== undefined;
}

function isWithin(node: ts.Node, ancestor: ts.Node): boolean {
  return node.getStart() >= ancestor.getStart() && node.getEnd() <= ancestor.getEnd();
}

/** Two neighbouring arguments of one call whose parameters have the same type: the first such pair. */
function swappableArguments(checker: ts.TypeChecker, node: ts.CallExpression): readonly [ts.Expression, ts.Expression] | undefined {
  if (node.arguments.length < 2) return undefined;
  const signature = checker.getResolvedSignature(node);
  if (signature === undefined) return undefined;
  const parameters = signature.getParameters();
  for (let i = 0; i + 1 < node.arguments.length && i + 1 < parameters.length; i++) {
    const a = node.arguments[i];
    const b = node.arguments[i + 1];
    const pa = parameters[i];
    const pb = parameters[i + 1];
    if (!a || !b || !pa || !pb || !isName(a) || !isName(b)) continue;
    const ta = checker.getTypeOfSymbolAtLocation(pa, node);
    const tb = checker.getTypeOfSymbolAtLocation(pb, node);
    if (ta !== tb || (ta.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0) continue;
    if (!checker.isTypeAssignableTo(checker.getTypeAtLocation(a), tb) || !checker.isTypeAssignableTo(checker.getTypeAtLocation(b), ta)) continue;
    return [a, b];
  }
  return undefined;
}

function isName(node: ts.Expression): boolean {
  return ts.isIdentifier(node) || ts.isPropertyAccessExpression(node);
}

/** A string in a template whose other values all go through one function (an escaper): that value, and the function's name. */
function unwrappedSpan(checker: ts.TypeChecker, node: ts.TemplateExpression): { readonly expression: ts.Expression; readonly callee: string } | undefined {
  const callees = new Map<string, number>();
  for (const span of node.templateSpans) {
    const e = span.expression;
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.arguments.length === 1) callees.set(e.expression.text, (callees.get(e.expression.text) ?? 0) + 1);
  }
  const [callee] = [...callees.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
  if (callee === undefined) return undefined;
  for (const span of node.templateSpans) {
    const e = span.expression;
    if (ts.isCallExpression(e)) continue;
    const type = checker.getTypeAtLocation(e);
    if ((type.flags & ts.TypeFlags.StringLike) !== 0) return { expression: e, callee };
  }
  return undefined;
}
