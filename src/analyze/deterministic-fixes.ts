import type { Linter } from "eslint";
import type { Diagnostic, Fix } from "../types.js";
import type { Workspace } from "../workspace/create-workspace.js";
import { applyEdit } from "./apply-edit.js";
import { lineEditBetween } from "./line-edit-between.js";
import { IDENTITY_LINE_MAP, lineMapOfEdit } from "./line-map.js";
import { diagnosticsNewAcross } from "./match-diagnostics.js";
import { type TextChange, toLineEdit } from "./to-line-edit.js";

/**
 * TypeScript code fixes never offered: they silence the checker (`// @ts-ignore`),
 * add `any`, or write stubs that throw "not implemented".
 */
const UNWANTED_TS_FIXES = new Set([
  "disableJsDiagnostics",
  "inferFromUsage",
  "fixMissingFunctionDeclaration",
  "fixMissingMember",
  "fixMissingProperties",
  "fixMissingAttributes",
  "fixClassDoesntImplementInheritedAbstractMember",
  "fixClassIncorrectlyImplementsInterface",
]);

/** How many rounds of follow-up autofixes are chained onto one fix (ESLint itself uses 10 passes for a file). */
const FOLLOW_UP_PASSES = 3;

/**
 * The fixes our tools know for one diagnostic, before validation: the ESLint
 * rule's autofix and its suggestions, and TypeScript's code fixes that touch
 * only this file. Each is a whole-line Edit that claims to remove `diagnostic`.
 *
 * `alongside`: other problems of the same rule that this pull request
 * introduced. Where some sit on the diagnostic's lines, the first candidate
 * fixes them all in one pass, as ESLint's own fixer would (two suggestions on
 * one line could not both be committed); a problem the pull request did not
 * introduce is never fixed along.
 */
export function deterministicFixes(workspace: Workspace, diagnostic: Diagnostic, alongside: readonly Diagnostic[] = []): Fix[] {
  const text = workspace.getText(diagnostic.path);
  if (text === undefined) return [];
  const fixes: Fix[] = [];
  const add = (title: string, origin: Fix["origin"], changes: readonly TextChange[]): void => {
    const edit = toLineEdit(diagnostic.path, text, changes);
    if (edit && !fixes.some((f) => sameEdit(f.edit, edit))) fixes.push({ edit, title, origin, target: diagnostic });
  };

  if (diagnostic.source === "eslint") {
    // Rule fixes can call for another (no-var's `let` is then a prefer-const): chain those on the same lines.
    const messages = workspace.lintMessages(diagnostic.path);
    const at = (d: Diagnostic): Linter.LintMessage | undefined => messages.find((m) => m.ruleId === d.code && m.line === d.line && m.column === d.column);
    const message = at(diagnostic);
    const together = alongside
      .filter((d) => d !== diagnostic && d.code === diagnostic.code && d.line <= diagnostic.endLine && d.endLine >= diagnostic.line)
      .flatMap((d) => at(d)?.fix ?? []);
    // Some rules put one fix on one of several messages (prefer-const on `let x = 1, y = 2`): the target may have none
    // of its own; validation still requires it gone.
    if (together.length > 0 && message !== undefined) {
      const changes = onePass([...(message.fix ? [message.fix] : []), ...together]);
      const edit = toLineEdit(diagnostic.path, text, changes);
      if (edit) {
        const problems = changes.length;
        add(`Fix ${diagnostic.code} (${problems} problems on ${edit.startLine === edit.endLine ? "this line" : "these lines"})`, "eslint", changes);
        const chained = withFollowUpFixes(workspace, text, edit);
        if (chained) fixes.push({ edit: chained.edit, title: `Fix ${diagnostic.code} (${problems} problems), and ${chained.rules.join(", ")} that the fix itself calls for`, origin: "eslint", target: diagnostic });
      }
    }
    if (message?.fix) {
      const changes = [{ start: message.fix.range[0], end: message.fix.range[1], newText: message.fix.text }];
      add(`Fix ${diagnostic.code}`, "eslint", changes);
      const first = toLineEdit(diagnostic.path, text, changes);
      const chained = first && withFollowUpFixes(workspace, text, first);
      if (chained) fixes.push({ edit: chained.edit, title: `Fix ${diagnostic.code}, and ${chained.rules.join(", ")} that the fix itself calls for`, origin: "eslint", target: diagnostic });
    }
    for (const suggestion of message?.suggestions ?? []) {
      add(suggestion.desc, "eslint", [{ start: suggestion.fix.range[0], end: suggestion.fix.range[1], newText: suggestion.fix.text }]);
    }
  } else {
    for (const action of workspace.codeFixes(diagnostic.path, diagnostic)) {
      if (UNWANTED_TS_FIXES.has(action.fixName)) continue;
      if (action.commands !== undefined && action.commands.length > 0) continue;
      const fileChanges = action.changes;
      if (fileChanges.length !== 1 || fileChanges[0]?.isNewFile === true) continue;
      const changes = fileChanges[0]?.textChanges.map((c) => ({ start: c.span.start, end: c.span.start + c.span.length, newText: c.newText }));
      if (changes && fileChanges[0]?.fileName.endsWith(`/${diagnostic.path}`) === true) add(action.description, "typescript", changes);
    }
  }
  return fixes;
}

/** ESLint's fixer (SourceCodeFixer): fixes in order of position, each skipped when it starts at or before the end of the last one taken. */
function onePass(fixes: readonly { range: readonly [number, number]; text: string }[]): TextChange[] {
  const taken: TextChange[] = [];
  for (const fix of [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1])) {
    const last = taken.at(-1);
    if ((last && fix.range[0] <= last.end) || fix.range[0] > fix.range[1]) continue;
    taken.push({ start: fix.range[0], end: fix.range[1], newText: fix.text });
  }
  return taken;
}

function sameEdit(a: Fix["edit"], b: Fix["edit"]): boolean {
  return a.startLine === b.startLine && a.endLine === b.endLine && a.replacement === b.replacement && a.deletion === b.deletion;
}

/**
 * Apply `edit`, then the ESLint autofixes for problems the edit itself
 * created on the edited lines (no-var's `let` calls for prefer-const), up to
 * FOLLOW_UP_PASSES rounds; a problem those lines already had is never fixed
 * along. Undefined when no follow-up applies. The workspace is restored
 * before returning.
 */
function withFollowUpFixes(workspace: Workspace, original: string, edit: Fix["edit"]): { edit: Fix["edit"]; rules: string[] } | undefined {
  let current = applyEdit(original, edit);
  let range = { start: edit.startLine, end: edit.startLine + Math.max(0, edit.replacement.split("\n").length - 1) };
  const rules: string[] = [];
  const originalProblems = workspace.lintMessages(edit.path).map((m) => asDiagnostic(edit.path, m));
  try {
    for (let pass = 0; pass < FOLLOW_UP_PASSES; pass++) {
      workspace.setText(edit.path, current);
      const sinceOriginal = lineEditBetween(edit.path, original, current);
      const map = sinceOriginal ? lineMapOfEdit(sinceOriginal) : IDENTITY_LINE_MAP;
      const messages = workspace.lintMessages(edit.path);
      const created = new Set(diagnosticsNewAcross({ before: originalProblems, after: messages.map((m) => asDiagnostic(edit.path, m)), map }).map((d) => `${d.line}:${d.column}:${d.code}`));
      const follow = messages.filter((m) => m.fix !== undefined && m.line >= range.start && m.line <= range.end && created.has(`${m.line}:${m.column}:${m.ruleId ?? ""}`));
      const fix = follow[0]?.fix;
      if (!fix) break;
      if (!rules.includes(follow[0]?.ruleId ?? "")) rules.push(follow[0]?.ruleId ?? "");
      const step = toLineEdit(edit.path, current, [{ start: fix.range[0], end: fix.range[1], newText: fix.text }]);
      if (!step) break;
      current = applyEdit(current, step);
      range = { start: Math.min(range.start, step.startLine), end: Math.max(range.end, step.startLine + step.replacement.split("\n").length - 1) };
    }
  } finally {
    workspace.setText(edit.path, original);
  }
  const combined = lineEditBetween(edit.path, original, current);
  return combined && rules.length > 0 && (combined.replacement !== edit.replacement || combined.startLine !== edit.startLine) ? { edit: combined, rules } : undefined;
}

function asDiagnostic(path: string, m: Linter.LintMessage): Diagnostic {
  return { path, line: m.line, column: m.column, endLine: m.endLine ?? m.line, endColumn: m.endColumn ?? m.column, source: "eslint", code: m.ruleId ?? "", message: m.message, severity: m.severity === 2 ? "error" : "warning" };
}
