import ts from "typescript";
import { parseSource } from "../analyze/parse-source.js";

const CASE_CALLS = new Set(["it", "test", "specify"]);
const GROUP_CALLS = new Set(["describe", "suite", "context"]);

/**
 * A new generated test file without the cases its errors point into: each
 * `it(...)`/`test(...)` statement holding one of `errorLines` goes, then each
 * `describe(...)` left with no case. TestGen-LLM's filter, one case at a time:
 * a file whose second case is right is worth delivering even when the model
 * cannot repair its first. Undefined when an error lies outside every case
 * (an import, a helper: nothing to cut), when no case would be left, or when
 * the file does not parse. With `runFailure`, the lines come from a failed
 * run's output, where a group that holds a failing case is reported at its
 * first line: such a line does not count.
 */
export function dropFailingCases(path: string, code: string, lines: readonly number[], options: { readonly runFailure?: boolean } = {}): string | undefined {
  const source = parseSource(path, code);
  if ((source as unknown as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics?.length) return undefined;
  const lineOf = (pos: number): number => source.getLineAndCharacterOfPosition(pos).line + 1;
  const cases: ts.ExpressionStatement[] = [];
  const groups: ts.ExpressionStatement[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isExpressionStatement(node) && ts.isCallExpression(node.expression)) {
      const name = calleeName(node.expression);
      if (name !== undefined && CASE_CALLS.has(name)) {
        cases.push(node);
        return;
      }
      if (name !== undefined && GROUP_CALLS.has(name)) groups.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const span = (node: ts.Node): [number, number] => [lineOf(node.getStart(source)), lineOf(node.getEnd())];
  const inside = (line: number, node: ts.Node): boolean => {
    const [start, end] = span(node);
    return line >= start && line <= end;
  };
  // A runner reports a group as failed, at its first line, when a case in it fails (node:test's `location:`).
  const groupStarts = new Set(options.runFailure === true ? groups.map((g) => span(g)[0]) : []);
  const errorLines = lines.filter((line) => !groupStarts.has(line) || cases.some((c) => span(c)[0] === line));
  if (errorLines.length === 0 || !errorLines.every((line) => cases.some((c) => inside(line, c)))) return undefined;
  const failing = new Set(cases.filter((c) => errorLines.some((line) => inside(line, c))));
  if (failing.size === cases.length) return undefined;
  // A group goes when every case in it goes.
  const removed: ts.Node[] = [...failing];
  for (const group of groups) {
    const within = cases.filter((c) => c.getStart(source) >= group.getStart(source) && c.getEnd() <= group.getEnd());
    if (within.length > 0 && within.every((c) => failing.has(c))) removed.push(group);
  }
  // Outermost first, so a removed group's cases are not cut twice.
  const outermost = removed.filter((node) => !removed.some((other) => other !== node && other.getStart(source) <= node.getStart(source) && other.getEnd() >= node.getEnd()));
  let text = code;
  for (const node of outermost.sort((a, b) => b.getStart(source) - a.getStart(source))) {
    const start = code.lastIndexOf("\n", node.getStart(source) - 1) + 1;
    const newline = code.indexOf("\n", node.getEnd());
    let end = newline === -1 ? code.length : newline + 1;
    // The blank line after it goes too when the line before is blank or opens the block.
    const before = code.slice(code.lastIndexOf("\n", start - 2) + 1, start).trim();
    if (code.slice(end, end + 1) === "\n" && (before === "" || before.endsWith("{"))) end += 1;
    text = text.slice(0, start) + text.slice(end);
  }
  return text;
}

/**
 * Whether `code` still holds every case of `existing` as it was (whitespace
 * aside): cutting failing cases out of an existing test file the model
 * extended may remove only cases the model added.
 */
export function keepsCasesOf(path: string, existing: string, code: string): boolean {
  const source = parseSource(path, existing);
  const compact = (text: string): string => text.replace(/\s+/g, "");
  const kept = compact(code);
  const cases: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isExpressionStatement(node) && ts.isCallExpression(node.expression) && CASE_CALLS.has(calleeName(node.expression) ?? "")) {
      cases.push(node.getText(source));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return cases.every((text) => kept.includes(compact(text)));
}

function calleeName(call: ts.CallExpression): string | undefined {
  let callee: ts.Expression = call.expression;
  while (ts.isPropertyAccessExpression(callee) || ts.isCallExpression(callee)) callee = callee.expression;
  return ts.isIdentifier(callee) ? callee.text : undefined;
}
