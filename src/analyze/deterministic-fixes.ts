import type { Diagnostic, Fix } from "../types.js";
import type { Workspace } from "../workspace/create-workspace.js";
import { type TextChange, toLineEdit } from "./to-line-edit.js";

/**
 * The fixes our tools know for one diagnostic, before validation: the ESLint
 * rule's autofix and its suggestions, and TypeScript's code fixes that touch
 * only this file. Each is a whole-line Edit that claims to remove `diagnostic`.
 */
export function deterministicFixes(workspace: Workspace, diagnostic: Diagnostic): Fix[] {
  const text = workspace.getText(diagnostic.path);
  if (text === undefined) return [];
  const fixes: Fix[] = [];
  const add = (title: string, origin: Fix["origin"], changes: readonly TextChange[]): void => {
    const edit = toLineEdit(diagnostic.path, text, changes);
    if (edit && !fixes.some((f) => sameEdit(f.edit, edit))) fixes.push({ edit, title, origin, target: diagnostic });
  };

  if (diagnostic.source === "eslint") {
    const message = workspace
      .lintMessages(diagnostic.path)
      .find((m) => m.ruleId === diagnostic.code && m.line === diagnostic.line && m.column === diagnostic.column);
    if (message?.fix) {
      add(`Fix ${diagnostic.code}`, "eslint", [{ start: message.fix.range[0], end: message.fix.range[1], newText: message.fix.text }]);
    }
    for (const suggestion of message?.suggestions ?? []) {
      add(suggestion.desc, "eslint", [{ start: suggestion.fix.range[0], end: suggestion.fix.range[1], newText: suggestion.fix.text }]);
    }
  } else {
    for (const action of workspace.codeFixes(diagnostic.path, diagnostic)) {
      if (action.commands !== undefined && action.commands.length > 0) continue;
      const fileChanges = action.changes;
      if (fileChanges.length !== 1 || fileChanges[0]?.isNewFile === true) continue;
      const changes = fileChanges[0]?.textChanges.map((c) => ({ start: c.span.start, end: c.span.start + c.span.length, newText: c.newText }));
      if (changes && fileChanges[0]?.fileName.endsWith(`/${diagnostic.path}`) === true) add(action.description, "typescript", changes);
    }
  }
  return fixes;
}

function sameEdit(a: Fix["edit"], b: Fix["edit"]): boolean {
  return a.startLine === b.startLine && a.endLine === b.endLine && a.replacement === b.replacement;
}
