import { inlineCode } from "../review/inline-code.js";
import { longestBacktickRun } from "../review/longest-backtick-run.js";
import { redactSecrets } from "../security/redact-secrets.js";
import { removeInvisibleCharacters } from "../security/remove-invisible-characters.js";
import { sanitizeModelText, type SanitizeContext } from "../review/sanitize-model-text.js";
import { stripHtmlComments } from "../review/strip-html-comments.js";
import { toOneLine } from "../review/to-one-line.js";
import type { TestConventions } from "./test-conventions.js";
import type { GeneratedTest, TestsReport } from "./tests-report.js";

const MAX_UNTESTED = 30;
const MAX_REASONS = 3;
const MAX_TEXT = 300;
/** Room for proposed files in a review body (GitHub caps it at 65,536 characters, the rest of the review included). */
const MAX_CODE_TOTAL = 36_000;

/**
 * The "Unit tests" section of the review body ("" when every changed export
 * is tested): the untested exports (info
 * findings, never inline comments), what the model wrote and how it fared,
 * whether the tests ran, and each proposed file in a collapsed block. The
 * model's text is sanitised; its code is shown in a fence it cannot close.
 */
export function renderTestsSection(report: TestsReport, options: { readonly repo?: { readonly owner: string; readonly name: string } } = {}): string {
  const context: SanitizeContext = options.repo ? { owner: options.repo.owner, repo: options.repo.name } : {};
  // Nothing untested: nothing to say (the review stays as short as it was).
  if (report.untested.length === 0) return "";
  const lines = ["#### Unit tests", ""];
  lines.push(`**Untested exports:** ${report.untested.length} ${report.untested.length === 1 ? "function, class or method" : "functions, classes and methods"} this pull request adds or changes that no test uses.`, "");
  for (const symbol of report.untested.slice(0, MAX_UNTESTED)) {
    const methods = symbol.methods.length > 0 ? ` (${plain(symbol.methods.join(", "), context)})` : "";
    lines.push(`- ${inlineCode(`${symbol.path}:${symbol.line}`)} **note** ${symbol.kind} ${inlineCode(symbol.name)}${methods}: ${plain(symbol.reason, context)}`);
  }
  if (report.untested.length > MAX_UNTESTED) lines.push(`- …and ${report.untested.length - MAX_UNTESTED} more.`);
  lines.push("");

  switch (report.generation) {
    case "no-model":
      lines.push("No tests were generated: no model is configured (set `PATCHSMITH_MODEL` or `PATCHSMITH_LLM_URL`).");
      return lines.join("\n");
    case "model-off":
      lines.push("No tests were generated: `checks.model` is off in .github/patchsmith.yml.");
      return lines.join("\n");
    case "nothing-to-test":
      return lines.join("\n");
    case "ran":
      break;
  }

  const { stats } = report;
  lines.push(
    `**Generated tests:** ${stats.generated} ${stats.generated === 1 ? "file" : "files"} written · ${stats.typeCheckedFirstTime} type-checked the first time · ${stats.repaired} after a repair · ${stats.rejected} rejected${stats.dropped > 0 ? ` · ${stats.dropped} dropped after running` : ""}.` +
      (report.conventions === undefined ? "" : ` Written for ${describe(report.conventions)}.`),
  );
  switch (report.execution.kind) {
    case "off":
      lines.push("", "Not run: running a pull request's code means running untrusted code, so these tests were only type-checked and linted. The operator can allow running them in a throwaway copy (`PATCHSMITH_TESTS_RUN=true`).");
      break;
    case "unavailable":
      lines.push("", `Not run: ${plain(report.execution.reason, context)}`);
      break;
    case "ran":
      lines.push("", `Run ${report.execution.runs} times each in a throwaway copy (\`npm ci --ignore-scripts\`, no secrets); only tests that passed every run are kept.`);
      break;
  }

  if (report.rejected.length > 0) {
    lines.push("", "Not delivered:", "");
    for (const test of report.rejected) {
      const reasons = test.reasons.slice(0, MAX_REASONS).map((reason) => plain(reason, context)).join("; ");
      const more = test.reasons.length > MAX_REASONS ? ` (and ${test.reasons.length - MAX_REASONS} more)` : "";
      const after = test.stage === "run" ? "dropped" : test.stage === "model" ? "no answer from the model" : `rejected after ${test.attempts} ${test.attempts === 1 ? "attempt" : "attempts"}`;
      lines.push(`- ${inlineCode(test.path)} for ${inlineCode(test.symbols.join(", "))}: ${after}: ${reasons}${more}`);
    }
  }

  const suggested = report.tests.filter((test) => test.delivery === "suggestion");
  if (suggested.length > 0) {
    lines.push("", `Suggested as inline suggestions on test files this pull request changes: ${suggested.map((test) => inlineCode(test.path)).join(", ")}.`);
  }
  const files = report.tests.filter((test) => test.delivery === "file");
  let room = MAX_CODE_TOTAL;
  for (const test of files) {
    const block = renderProposedFile(test, context, room);
    room -= block.length;
    lines.push("", block);
  }
  if (files.length > 0) {
    lines.push("", "Comment `/patchsmith tests commit` to have these files pushed to a `patchsmith/tests-…` branch with a pull request into this one (with the CLI: `patchsmith review --write-tests`).");
  }
  if (report.leftOut.length > 0) lines.push("", `Not written (over the limit of modules per review): ${report.leftOut.map((p) => inlineCode(p)).join(", ")}.`);
  return lines.join("\n");
}

function renderProposedFile(test: GeneratedTest, context: SanitizeContext, room: number): string {
  const verb = test.existing ? "Updated" : "Proposed";
  const count = test.cases.length;
  const summary = `${verb} <code>${escapeHtml(test.path)}</code> for ${escapeHtml(test.symbols.join(", "))} (${count} ${count === 1 ? "case" : "cases"}${test.run === undefined ? "" : `, passed ${test.run.runs} runs`})`;
  const parts = [`<details><summary>${summary}</summary>`, ""];
  if (test.explanation.trim() !== "") parts.push(plain(test.explanation, context), "");
  for (const c of test.cases) parts.push(`- ${inlineCode(c.name)}${c.why.trim() === "" ? "" : `: ${plain(c.why, context)}`}`);
  if (count > 0) parts.push("");
  const code = redactSecrets(stripHtmlComments(removeInvisibleCharacters(test.content))).replace(/\n$/, "");
  if (code.length + 200 > room) {
    parts.push("_The file is too long to show here; `/patchsmith tests commit` pushes it._");
  } else {
    const fence = "`".repeat(Math.max(3, longestBacktickRun(code) + 1));
    parts.push(`${fence}${/\.[cm]?tsx?$/.test(test.path) ? "ts" : "js"}`, code, fence);
  }
  parts.push("", "</details>");
  return parts.join("\n");
}

function describe(conventions: TestConventions): string {
  const where =
    conventions.layout.kind === "beside"
      ? "beside the module"
      : conventions.layout.kind === "__tests__"
        ? "in `__tests__/`"
        : `in \`${conventions.layout.root === "" ? "." : conventions.layout.root}/\``;
  return `${conventions.framework}${conventions.globals ? " (globals)" : ""}, ${where}, named \`*${conventions.suffix}${conventions.typescriptTests ? ".ts" : ".js"}\``;
}

/** Untrusted text for one line of the section. */
function plain(text: string, context: SanitizeContext): string {
  const cut = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT).trimEnd()}…` : text;
  return toOneLine(sanitizeModelText(cut, context));
}

function escapeHtml(text: string): string {
  return removeInvisibleCharacters(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/\n/g, " ");
}
