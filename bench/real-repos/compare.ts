import type { AddedLines } from "./git.js";
import { type ReviewFinding, type SuggestionEdit, tsCode } from "./patchsmith.js";
import type { TscDiagnostic } from "./tsc.js";

export interface FalsePositive extends ReviewFinding {
  /** The file is in one of the programs tsc checked (from --listFiles). */
  readonly inProgram: boolean;
  /** The line was added by the commit. */
  readonly onAddedLine: boolean;
}

export interface MissedError extends TscDiagnostic {
  /** patchsmith reported something (another code, or another rule) on that line. */
  readonly reportedOnLine: readonly string[];
}

export interface CommitComparison {
  /** patchsmith's findings with a ts/TSxxxx rule. */
  readonly tsFindings: number;
  /** Of those, the ones that match a real tsc error (same path, line, code) anywhere in the head. */
  readonly matchedFindings: number;
  readonly falsePositives: readonly FalsePositive[];
  /** tsc errors on lines the commit added. */
  readonly realOnAdded: number;
  /** Of those, the ones patchsmith reported. */
  readonly found: number;
  readonly missed: readonly MissedError[];
}

function matches(finding: ReviewFinding, code: number, d: TscDiagnostic): boolean {
  const first = Math.min(finding.startLine, finding.line);
  const last = Math.max(finding.startLine, finding.line);
  // A finding anchored on its suggestion's lines names the diagnostic's own line ("Line 39: …", "Line 39 was not changed, …").
  const named = /^Line (\d+)\b/.exec(finding.message)?.[1];
  const onLine = (line: number): boolean => (named !== undefined ? line === Number(named) || (line >= first && line <= last) : line >= first && line <= last);
  return d.path === finding.path && d.code === code && d.line !== undefined && onLine(d.line);
}

export function onAdded(added: AddedLines, file: string | undefined, line: number | undefined): boolean {
  return file !== undefined && line !== undefined && (added.get(file)?.has(line) ?? false);
}

/**
 * A finding matches a tsc error when the path and code are equal and tsc's
 * line lies in the finding's startLine..line (one line for a TS diagnostic).
 */
export function compareCommit(params: {
  readonly findings: readonly ReviewFinding[];
  readonly diagnostics: readonly TscDiagnostic[];
  readonly added: AddedLines;
  readonly programFiles: ReadonlySet<string>;
}): CommitComparison {
  const { findings, diagnostics, added, programFiles } = params;
  const ts = findings.flatMap((f) => {
    const code = tsCode(f.rule);
    return code === undefined ? [] : [{ finding: f, code }];
  });
  const falsePositives: FalsePositive[] = [];
  let matchedFindings = 0;
  for (const { finding, code } of ts) {
    if (diagnostics.some((d) => matches(finding, code, d))) {
      matchedFindings++;
    } else {
      falsePositives.push({ ...finding, inProgram: programFiles.has(finding.path), onAddedLine: onAdded(added, finding.path, finding.startLine) });
    }
  }
  const realOnAdded = diagnostics.filter((d) => onAdded(added, d.path, d.line));
  const missed: MissedError[] = [];
  for (const d of realOnAdded) {
    if (ts.some(({ finding, code }) => matches(finding, code, d))) continue;
    const reportedOnLine = findings.filter((f) => f.path === d.path && d.line !== undefined && d.line >= f.startLine && d.line <= f.line).map((f) => f.rule);
    missed.push({ ...d, reportedOnLine });
  }
  return { tsFindings: ts.length, matchedFindings, falsePositives, realOnAdded: realOnAdded.length, found: realOnAdded.length - missed.length, missed };
}

/** Replaces lines startLine..endLine with the replacement (a deletion removes them); undefined when the range is not in the file. */
export function applyLineEdit(text: string, edit: SuggestionEdit): string | undefined {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const finalNewline = text.endsWith("\n");
  const body = finalNewline ? text.slice(0, text.endsWith("\r\n") ? -2 : -1) : text;
  const lines = body === "" && !finalNewline ? [] : body.split(/\r?\n/);
  if (edit.startLine < 1 || edit.endLine < edit.startLine || edit.endLine > lines.length) return undefined;
  const replacement = edit.deletion === true ? [] : edit.replacement.split(/\r?\n/);
  const next = [...lines.slice(0, edit.startLine - 1), ...replacement, ...lines.slice(edit.endLine)];
  return next.join(eol) + (finalNewline && next.length > 0 ? eol : "");
}

/**
 * The errors tsc reports after an edit that it did not report before. Lines
 * after the edited range are shifted back by the edit's change in line count;
 * errors inside the range are compared by code and message only.
 */
export function introducedErrors(before: readonly TscDiagnostic[], after: readonly TscDiagnostic[], edit: SuggestionEdit): TscDiagnostic[] {
  const newCount = edit.deletion === true ? 0 : edit.replacement.split(/\r?\n/).length;
  const delta = newCount - (edit.endLine - edit.startLine + 1);
  const beforeLine = (line: number): string => (line >= edit.startLine && line <= edit.endLine ? "edit" : String(line));
  const afterLine = (line: number): string => {
    if (line < edit.startLine) return String(line);
    if (line < edit.startLine + newCount) return "edit";
    return String(line - delta);
  };
  const key = (d: TscDiagnostic, mapLine: (line: number) => string): string => {
    if (d.path === undefined || d.line === undefined) return `global:TS${d.code}:${d.message}`;
    const line = d.path === edit.path ? mapLine(d.line) : String(d.line);
    return `${d.path}:${line}:TS${d.code}:${d.message}`;
  };
  const remaining = new Map<string, number>();
  for (const d of before) {
    const k = key(d, beforeLine);
    remaining.set(k, (remaining.get(k) ?? 0) + 1);
  }
  const introduced: TscDiagnostic[] = [];
  for (const d of after) {
    const k = key(d, afterLine);
    const left = remaining.get(k) ?? 0;
    if (left > 0) remaining.set(k, left - 1);
    else introduced.push(d);
  }
  return introduced;
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
