import { inlineCode } from "../review/inline-code.js";
import { sanitizeModelText } from "../review/sanitize-model-text.js";
import { toOneLine } from "../review/to-one-line.js";
import type { TestsReport } from "./tests-report.js";

/** The description of the `patchsmith/tests-<n>` pull request: what each file covers, how it was checked. */
export function renderTestsPullRequestBody(params: {
  readonly report: TestsReport;
  readonly pullNumber: number;
  readonly headSha: string;
  readonly repo: { readonly owner: string; readonly name: string };
}): string {
  const context = { owner: params.repo.owner, repo: params.repo.name };
  const { report } = params;
  const ran = report.execution.kind === "ran" ? `, and passed ${report.execution.runs} runs in a row` : "";
  const lines = [
    `Unit tests for the code #${params.pullNumber} adds or changes without tests, written by patchsmith's model at ${params.headSha.slice(0, 7)}, checked with ESLint and TypeScript${ran}. Merge this into #${params.pullNumber} to add them.`,
    "",
  ];
  for (const test of report.tests) {
    lines.push(`- ${inlineCode(test.path)}: ${inlineCode(test.symbols.join(", "))} (${test.cases.length} ${test.cases.length === 1 ? "case" : "cases"})`);
    for (const c of test.cases) lines.push(`  - ${inlineCode(c.name)}${c.why.trim() === "" ? "" : `: ${toOneLine(sanitizeModelText(c.why.slice(0, 300), context))}`}`);
  }
  if (report.execution.kind !== "ran") lines.push("", "These tests were not run by patchsmith (running a pull request's code is off unless the operator allows it): your CI runs them.");
  lines.push("", `Comment \`/patchsmith tests commit\` on #${params.pullNumber} again to regenerate this branch for a newer head.`);
  return lines.join("\n");
}
