import type { ReviewHunksRequest } from "../generator.js";
import { DEFECT_KINDS } from "../schemas/review-answer-grammar.js";
import { formatDiagnostics } from "./format-diagnostics.js";
import { formatHunk } from "./format-hunk.js";
import type { Prompt } from "./prompt.js";
import { promptPath } from "./prompt-path.js";
import { splitLines } from "./split-lines.js";
import { truncateText } from "./truncate-text.js";
import { UNTRUSTED_DATA_RULE, untrustedBlock } from "./untrusted-block.js";

const SYSTEM = [
  "You look for bugs in the added lines of one file of a pull request.",
  UNTRUSTED_DATA_RULE,
  `Check every added line for these defects:\n${DEFECT_KINDS.map((kind) => `- ${kind.name}: ${kind.what}`).join("\n")}`,
  "No style or performance remarks; do not repeat the tool diagnostics listed.",
  "Left of `|` is the line number; `+` marks an added line, `-` a deleted one, a space an unchanged one.",
  "Answer one line per defect, at most four: the added line's code copied exactly in backticks, the kind, a colon, one sentence on what goes wrong:\n" +
    "`<code of the added line>` <kind>: <what goes wrong>\n" +
    "Answer none when no added line has one of these defects.",
].join("\n\n");

/** How much optional material a review prompt carries; smaller levels fit smaller budgets. */
interface Detail {
  readonly contextLines: number;
  readonly maxDiagnostics: number;
  readonly maxBodyChars: number;
  readonly title: boolean;
}

const DETAILS: readonly Detail[] = [
  { contextLines: 10, maxDiagnostics: 50, maxBodyChars: 4000, title: true },
  { contextLines: 3, maxDiagnostics: 20, maxBodyChars: 1000, title: true },
  { contextLines: 0, maxDiagnostics: 10, maxBodyChars: 0, title: true },
  { contextLines: 0, maxDiagnostics: 0, maxBodyChars: 0, title: false },
];

function build(request: ReviewHunksRequest, detail: Detail): Prompt {
  const fileLines = request.fileText === undefined ? undefined : splitLines(request.fileText);
  const parts: string[] = [];
  if (request.pr !== undefined && detail.title) {
    parts.push(`Pull request title:\n${untrustedBlock("pr-title", request.pr.title)}`);
    if (detail.maxBodyChars > 0 && request.pr.body.trim() !== "") {
      parts.push(`Pull request description:\n${untrustedBlock("pr-body", truncateText(request.pr.body, detail.maxBodyChars))}`);
    }
  }
  const hunks = request.hunks.map((hunk) => formatHunk(hunk, fileLines, detail.contextLines)).join("\n\n");
  parts.push(`Changed hunks of ${promptPath(request.path)}:\n${untrustedBlock("code", hunks)}`);
  if (detail.maxDiagnostics > 0 && request.diagnostics.length > 0) {
    parts.push(`Diagnostics ESLint and TypeScript already report in this file:\n${untrustedBlock("diagnostics", formatDiagnostics(request.diagnostics, detail.maxDiagnostics))}`);
  }
  parts.push("Check each added line for the defects listed: what can go wrong on these lines? Answer with the lines described, or `none`.");
  return { system: SYSTEM, user: parts.join("\n\n") };
}

/**
 * The review prompt at every level of detail, most detailed first: fewer
 * lines of context, fewer diagnostics and less of the PR description as the
 * budget shrinks. The hunks themselves are always there.
 */
export function reviewPromptCandidates(request: ReviewHunksRequest): Prompt[] {
  const first = request.contextLines ?? DETAILS[0]?.contextLines ?? 10;
  return DETAILS.filter((detail) => detail.contextLines <= first).map((detail, index) =>
    build(request, index === 0 ? { ...detail, contextLines: first } : detail),
  );
}
