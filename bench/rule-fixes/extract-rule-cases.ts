import ts from "typescript";

/** One invalid case of an upstream rule test whose expected output is one pass of the rule's fix. */
export interface RuleCase {
  readonly rule: string;
  /** Index among the rule's invalid cases, for naming. */
  readonly index: number;
  readonly code: string;
  /** The upstream expected output (one pass of the fix). */
  readonly output: string;
  readonly options: readonly unknown[];
}

export interface ExtractResult {
  readonly cases: RuleCase[];
  /** Invalid cases left out, by reason (not evaluable as data, a parser or settings of their own, no fix expected, …). */
  readonly skipped: Map<string, number>;
}

const NOT_DATA = Symbol("not data");

/**
 * The invalid cases of `ruleTester.run("name", rule, { invalid: [...] })` in
 * an upstream rule test file, read as data with the TypeScript parser: only
 * literals (strings, templates without substitutions, `noFormat` tagged
 * templates, `[...].join("\n")`, `+` of strings, arrays and objects of
 * those) are evaluated. Nothing of the file is executed.
 */
export function extractRuleCases(rule: string, fileName: string, text: string): ExtractResult {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith(".ts") ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const cases: RuleCase[] = [];
  const skipped = new Map<string, number>();
  const skip = (reason: string): void => void skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  let index = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === "run" && node.arguments.length >= 3) {
      const tests = node.arguments[2];
      if (tests && ts.isObjectLiteralExpression(tests)) {
        const invalid = tests.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyName(p.name) === "invalid");
        // `[...].map((c) => Object.assign({ output: null }, c))` only adds defaults: the literal cases are read.
        const list = invalid && ts.isCallExpression(invalid.initializer) && ts.isPropertyAccessExpression(invalid.initializer.expression) && invalid.initializer.expression.name.text === "map" ? invalid.initializer.expression.expression : invalid?.initializer;
        if (list && ts.isArrayLiteralExpression(list)) {
          for (const element of list.elements) {
            index += 1;
            const value = evaluate(element);
            if (value === NOT_DATA || typeof value !== "object" || value === null) {
              skip("not data (computed at run time)");
              continue;
            }
            const entry = value as Record<string, unknown>;
            const reason = unsupported(entry);
            if (reason !== undefined) {
              skip(reason);
              continue;
            }
            const code = entry["code"];
            const output = entry["output"];
            if (typeof code !== "string") {
              skip("not data (computed at run time)");
              continue;
            }
            if (typeof output !== "string" || output === code) {
              skip(Array.isArray(output) ? "several fix passes" : "no fix expected");
              continue;
            }
            cases.push({ rule, index, code, output, options: Array.isArray(entry["options"]) ? (entry["options"] as unknown[]) : [] });
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { cases, skipped };
}

const ALLOWED = new Set(["code", "output", "options", "errors", "languageOptions", "name", "only"]);

function unsupported(entry: Record<string, unknown>): string | undefined {
  for (const key of Object.keys(entry)) if (!ALLOWED.has(key)) return `has ${key}`;
  const language = entry["languageOptions"];
  if (language !== undefined) {
    if (typeof language !== "object" || language === null) return "has languageOptions";
    for (const [key, value] of Object.entries(language)) {
      if (key === "sourceType" || key === "ecmaVersion") {
        if (key === "ecmaVersion" && typeof value === "number" && value < 6) return "older ECMAScript";
        continue;
      }
      return `has languageOptions.${key}`;
    }
  }
  return undefined;
}

function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return undefined;
}

function evaluate(node: ts.Node): unknown {
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) return evaluate(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.MinusToken) {
    const value = evaluate(node.operand);
    return typeof value === "number" ? -value : NOT_DATA;
  }
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (node.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === "noFormat") return evaluate(node.template);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = evaluate(node.left);
    const right = evaluate(node.right);
    return typeof left === "string" && typeof right === "string" ? left + right : NOT_DATA;
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === "join" && node.arguments.length <= 1) {
    const items = evaluate(node.expression.expression);
    const separator = node.arguments[0] === undefined ? "," : evaluate(node.arguments[0]);
    return Array.isArray(items) && items.every((item) => typeof item === "string") && typeof separator === "string" ? items.join(separator) : NOT_DATA;
  }
  if (ts.isArrayLiteralExpression(node)) {
    const items: unknown[] = [];
    for (const element of node.elements) {
      const value = evaluate(element);
      if (value === NOT_DATA) return NOT_DATA;
      items.push(value);
    }
    return items;
  }
  if (ts.isObjectLiteralExpression(node)) {
    const object: Record<string, unknown> = {};
    for (const property of node.properties) {
      if (!ts.isPropertyAssignment(property)) return NOT_DATA;
      const key = propertyName(property.name);
      if (key === undefined) return NOT_DATA;
      // Error expectations are not needed, and often computed: keep the case without them.
      if (key === "errors") {
        object[key] = true;
        continue;
      }
      const value = evaluate(property.initializer);
      if (value === NOT_DATA) return NOT_DATA;
      object[key] = value;
    }
    return object;
  }
  return NOT_DATA;
}
