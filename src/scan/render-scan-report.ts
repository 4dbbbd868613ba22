import { inlineCode } from "../review/inline-code.js";
import { moreItems } from "../review/more-items.js";
import type { SanitizeContext } from "../review/sanitize-model-text.js";
import { severityRank } from "../review/severity-rank.js";
import { summariseUntrusted } from "../review/summarise-untrusted.js";
import type { Finding, Severity } from "../types.js";
import { countByKind } from "./count-by-kind.js";
import { findingKind, findingKindLabel } from "./finding-kind.js";
import type { FixPullRequestOutcome } from "./fix-pull-request-outcome.js";
import type { ScanResult } from "./scan-project.js";
import type { ScanState } from "./scan-state-marker.js";

export interface ScanReportInput {
  /** What the scan did: analysed the project, or refused it (a limit), with the line that says why. */
  readonly outcome: { readonly kind: "scanned"; readonly result: ScanResult } | { readonly kind: "refused"; readonly reason: string };
  /** The repository: its web address makes every finding a link to its lines at `sha`. */
  readonly repo?: { readonly owner: string; readonly name: string; readonly url: string };
  /** The scanned commit and branch (absent for a local folder). */
  readonly sha?: string;
  readonly branch?: string;
  /** A local folder's name, for the CLI. */
  readonly folder?: string;
  readonly scannedAt: Date;
  /** The previous scan's state, for the trend. */
  readonly previous?: ScanState;
  readonly fixPullRequest?: FixPullRequestOutcome;
  /** Most characters the report may have (GitHub caps an issue body at 65,536). */
  readonly maxLength?: number;
}

const DEFAULT_MAX_LENGTH = 60_000;
const MAX_MESSAGE = 200;
const MAX_SKIPPED = 30;
const MAX_NOTICES = 20;
const MAX_UNTESTED = 50;
const SEVERITY_LABEL: Readonly<Record<Severity, string>> = { error: "error", warning: "warning", info: "note" };

/**
 * The scan report, for the tracking issue and the CLI alike (markdown, no
 * hidden markers): what was scanned, counts by kind with the trend since the
 * previous scan, a table of findings most severe first with links to their
 * lines at the scanned commit, the fix pull request, and what was skipped.
 * Every piece the repository or the model wrote is sanitised; the findings
 * table is cut to fit `maxLength`, saying how many rows were left out.
 */
export function renderScanReport(input: ScanReportInput): string {
  const context: SanitizeContext = input.repo ? { owner: input.repo.owner, repo: input.repo.name } : {};
  const head: string[] = ["### patchsmith repository scan", "", scannedLine(input)];
  const tail: string[] = [];
  let findings: readonly Finding[] = [];

  if (input.outcome.kind === "refused") {
    head.push("", `> [!WARNING]`, `> ${cell(input.outcome.reason, context)}`);
    if (input.previous !== undefined) head.push("", `The last completed scan was of ${shaText(input.previous.sha, input)} on ${day(input.previous.at)}; the next one will be compared with it.`);
  } else {
    const { result } = input.outcome;
    findings = [...result.findings].sort(compareFindings);
    head.push("", verdict(findings.length, result.untested.length, result.stats.filesAnalysed, input.previous));
    head.push("", ...trendTable(countByKind(findings, result.untested.length), input.previous));
    tail.push(...untestedSection(result, input));
    tail.push(...fixSection(input.fixPullRequest));
    tail.push(...skippedSection(result, context));
    if (result.notices.length > 0) {
      tail.push("", "#### Notices", "");
      for (const notice of result.notices.slice(0, MAX_NOTICES)) tail.push(`- ${summarise(notice.message, context)}`);
      tail.push(...moreItems(result.notices.length - MAX_NOTICES, "notice"));
    }
    const model = result.model === undefined ? "deterministic checks only (no model configured)" : inlineCode(result.model);
    tail.push("", "---", `Model: ${model}. A fix counts as validated only after it was applied in memory and re-checked with ESLint and TypeScript.`);
  }

  const max = input.maxLength ?? DEFAULT_MAX_LENGTH;
  const table: string[] = [];
  if (findings.length > 0) {
    table.push("", "#### Findings", "", "| | Where | Rule | Finding | Fix |", "| --- | --- | --- | --- | --- |");
    let length = [...head, ...table, ...tail].join("\n").length + 200;
    let shown = 0;
    for (const finding of findings) {
      const row = findingRow(finding, input, context);
      if (length + row.length + 1 > max) break;
      table.push(row);
      length += row.length + 1;
      shown++;
    }
    if (shown < findings.length) {
      const left = findings.length - shown;
      table.push("", `…and ${left} more ${left === 1 ? "finding" : "findings"} not listed here (an issue has a length limit); \`patchsmith scan\` on a checkout prints them all.`);
    }
  }
  return [...head, ...table, ...tail].join("\n");
}

function scannedLine(input: ScanReportInput): string {
  const when = `${input.scannedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  if (input.sha === undefined) return `Scanned ${input.folder === undefined ? "a local folder" : inlineCode(input.folder)} on ${when}.`;
  const branch = input.branch === undefined ? "" : ` ${inlineCode(input.branch)} at`;
  return `Scanned${branch} ${shaText(input.sha, input)} on ${when}.`;
}

function shaText(sha: string, input: ScanReportInput): string {
  const short = `\`${sha.slice(0, 7)}\``;
  return input.repo === undefined ? short : `[${short}](${input.repo.url}/commit/${sha})`;
}

function verdict(total: number, untested: number, files: number, previous: ScanState | undefined): string {
  const scope = `${files} ${files === 1 ? "file" : "files"} analysed`;
  const exports = `**${untested} untested ${untested === 1 ? "export" : "exports"}**`;
  if (total > 0) return `**${total} ${total === 1 ? "finding" : "findings"}**${untested > 0 ? ` and ${exports}` : ""} in ${scope}.`;
  if (untested > 0) return `No findings, and ${exports}, in ${scope}.`;
  const before = previous === undefined ? 0 : Object.values(previous.counts).reduce((a, b) => a + b, 0);
  return before > 0 ? `**No findings** in ${scope}: all ${before} ${before === 1 ? "finding" : "findings"} of the previous scan are fixed.` : `**No findings** in ${scope}.`;
}

function trendTable(now: Readonly<Record<string, number>>, previous: ScanState | undefined): string[] {
  const kinds = [...new Set([...Object.keys(now), ...Object.keys(previous?.counts ?? {})])].sort((a, b) => findingKindLabel(a).localeCompare(findingKindLabel(b)));
  const total = (counts: Readonly<Record<string, number>>): number => Object.values(counts).reduce((a, b) => a + b, 0);
  if (previous === undefined) {
    if (kinds.length === 0) return [];
    const rows = ["| Kind | Findings |", "| --- | --: |"];
    for (const kind of kinds) rows.push(`| ${findingKindLabel(kind)} | ${now[kind] ?? 0} |`);
    rows.push(`| **Total** | **${total(now)}** |`, "", "This is the first scan; the next one will show the trend.");
    return rows;
  }
  const rows = [`| Kind | Now | Previous scan (\`${previous.sha.slice(0, 7)}\`, ${day(previous.at)}) | Change |`, "| --- | --: | --: | --: |"];
  for (const kind of kinds) rows.push(`| ${findingKindLabel(kind)} | ${now[kind] ?? 0} | ${previous.counts[kind] ?? 0} | ${change((now[kind] ?? 0) - (previous.counts[kind] ?? 0))} |`);
  rows.push(`| **Total** | **${total(now)}** | **${total(previous.counts)}** | **${change(total(now) - total(previous.counts))}** |`);
  return rows;
}

function change(delta: number): string {
  if (delta === 0) return "±0";
  return delta > 0 ? `+${delta}` : `−${-delta}`;
}

function day(iso: string): string {
  return iso.slice(0, 10);
}

function findingRow(finding: Finding, input: ScanReportInput, context: SanitizeContext): string {
  const where = finding.startLine < finding.line ? `${finding.path}:${finding.startLine}-${finding.line}` : `${finding.path}:${finding.line}`;
  const label = escapePipes(inlineCode(where));
  const link = input.repo !== undefined && input.sha !== undefined ? `[${label}](${lineUrl(input.repo.url, input.sha, finding)})` : label;
  const fix = finding.suggestion === undefined ? (finding.advice === undefined ? "" : "advice only") : finding.suggestion.origin === "model" ? "validated (model)" : "validated";
  return `| ${SEVERITY_LABEL[finding.severity]} | ${link} | ${escapePipes(inlineCode(finding.rule))} | ${finding.unverified === true ? "(unverified, the model's) " : ""}${cell(finding.message, context)} | ${fix} |`;
}

/** `<repo>/blob/<sha>/<path>#L<a>-L<b>`: each path segment percent-encoded, parentheses too, so the link cannot end early. */
function lineUrl(repoUrl: string, sha: string, finding: Pick<Finding, "path" | "startLine" | "line">): string {
  const path = finding.path
    .split("/")
    .map((segment) => encodeURIComponent(segment).replace(/[()!*']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join("/");
  const anchor = finding.startLine < finding.line ? `#L${finding.startLine}-L${finding.line}` : `#L${finding.line}`;
  return `${repoUrl}/blob/${sha}/${path}${anchor}`;
}

function untestedSection(result: ScanResult, input: ScanReportInput): string[] {
  if (result.untested.length === 0) return [];
  const lines = ["", "#### Untested exports", "", "Exported functions and classes no test uses:", ""];
  for (const item of result.untested.slice(0, MAX_UNTESTED)) {
    const label = inlineCode(`${item.path}:${item.line}`);
    const where = input.repo !== undefined && input.sha !== undefined ? `[${label}](${lineUrl(input.repo.url, input.sha, { path: item.path, startLine: item.line, line: item.line })})` : label;
    const methods = item.methods.length > 0 ? ` (changed methods: ${item.methods.slice(0, 5).map((m) => inlineCode(m)).join(", ")})` : "";
    lines.push(`- ${where} ${item.kind} ${inlineCode(item.name)}${methods}`);
  }
  lines.push(...moreItems(result.untested.length - MAX_UNTESTED, "export"));
  if (result.generatedTests.length > 0) {
    lines.push("", `The model wrote ${result.generatedTests.length} test ${result.generatedTests.length === 1 ? "file" : "files"} for them that passed ESLint and TypeScript; with \`scan.openPullRequest: true\` they go into the fix pull request.`);
  }
  return lines;
}

function fixSection(outcome: FixPullRequestOutcome | undefined): string[] {
  if (outcome === undefined || outcome.kind === "none") return [];
  const lines = ["", "#### Fix pull request", ""];
  switch (outcome.kind) {
    case "saved":
    case "unchanged": {
      const parts = [
        ...(outcome.fixes > 0 ? [`${outcome.fixes} validated ${outcome.fixes === 1 ? "fix" : "fixes"} in ${outcome.files} ${outcome.files === 1 ? "file" : "files"}`] : []),
        ...(outcome.tests > 0 ? [`${outcome.tests} generated test ${outcome.tests === 1 ? "file" : "files"}`] : []),
      ];
      const when = outcome.kind === "unchanged" ? "unchanged since the last scan" : outcome.created ? "opened by this scan" : "updated by this scan";
      lines.push(`#${outcome.number} holds ${parts.join(" and ")}; ${when}.`);
      break;
    }
    case "closed":
      lines.push(`#${outcome.number} was closed: nothing is left for it to fix.`);
      break;
    case "failed":
      lines.push(`The fix pull request could not be saved: ${outcome.message}`);
      break;
  }
  return lines;
}

function skippedSection(result: ScanResult, context: SanitizeContext): string[] {
  if (result.excluded.length === 0 && result.skipped.length === 0) return [];
  const lines = ["", "#### What was skipped", ""];
  for (const group of result.excluded) lines.push(`- ${group.count} ${group.count === 1 ? "file" : "files"}: ${summarise(group.reason, context)}`);
  for (const file of result.skipped.slice(0, MAX_SKIPPED)) lines.push(`- ${inlineCode(file.path)}: ${summarise(file.reason, context)}`);
  lines.push(...moreItems(result.skipped.length - MAX_SKIPPED, "file"));
  return lines;
}

function compareFindings(a: Finding, b: Finding): number {
  return severityRank(b.severity) - severityRank(a.severity) || findingKind(a.rule).localeCompare(findingKind(b.rule)) || a.path.localeCompare(b.path) || a.line - b.line;
}

/** Untrusted text for one line (a list item), cut at MAX_MESSAGE. */
function summarise(text: string, context: SanitizeContext): string {
  return summariseUntrusted(text, context, MAX_MESSAGE);
}

/** Untrusted text for a table cell: as a list item, with pipes escaped (GFM reads `\|` as a pipe inside cells and code spans). */
function cell(text: string, context: SanitizeContext): string {
  return escapePipes(summarise(text, context));
}

function escapePipes(text: string): string {
  return text.replace(/\\?\|/g, "\\|");
}
