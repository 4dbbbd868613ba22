import type { ReviewHunksRequest } from "../generator.js";
import { formatDiagnostics } from "./format-diagnostics.js";
import { formatHunk } from "./format-hunk.js";
import type { Prompt } from "./prompt.js";
import { promptPath } from "./prompt-path.js";
import { splitLines } from "./split-lines.js";
import { truncateText } from "./truncate-text.js";
import { UNTRUSTED_DATA_RULE, untrustedBlock } from "./untrusted-block.js";

/**
 * The defects a small model can point at on one line; the review asks for these
 * and nothing else (no style, naming or performance prose), which the model
 * bench showed a 1.5B model answers far more precisely than an open review.
 */
export const DEFECT_KINDS = [
  "null or undefined access: a value that may be missing (Map.get, find, an optional field, a `!` assertion, parsed JSON) is used without a check",
  "off-by-one: a loop bound, index or slice end one too far or one too short",
  "inverted condition: a comparison or `!` that makes the branch do the opposite of what the code means",
  "missing await: a promise from a call in an async function is neither awaited nor returned, so it finishes too late or its errors escape",
  "wrong variable: a variable or argument used where another belongs (swapped arguments, the same value twice)",
  "unhandled rejection: a promise that nothing awaits or catches",
  "injection: outside text put into SQL, a shell command or HTML without parameters or escaping",
  "race: state checked and later changed with an await in between, or a lazy value created twice by concurrent callers",
] as const;

const SYSTEM = [
  "You check the changed lines of one file of a pull request for defects: code that does the wrong thing when it runs.",
  UNTRUSTED_DATA_RULE,
  `Look only for these kinds of defect:\n${DEFECT_KINDS.map((kind) => `- ${kind}`).join("\n")}`,
  "Style, naming, comments, performance, missing validation and missing error messages are not defects: never report them. " +
    "Do not repeat the tool diagnostics listed; they are reported already. Most changes have no defect: then answer {\"findings\": []}.",
  "Line numbers are the new-side numbers shown left of `|`. `+` marks an added line, `-` a deleted one (it has no number), a space an unchanged line. Report only added lines.",
  "For each defect: `line` and `startLine` name its line; `quote` copies the code of that line exactly; `category` is \"security\" for injection, else \"bug\"; " +
    "`message` names the kind, then says in one sentence what goes wrong (\"missing await: the count is returned before the inserts finish\"). " +
    "When the fix changes only those lines, give `edit`: their complete new text (same indentation); otherwise `edit` is null. Never invent functions or methods.",
  'Answer with JSON only: {"findings": [{"startLine": 12, "line": 12, "quote": "code of that line", "severity": "warning", ' +
    '"category": "bug"|"security", "message": "kind: one sentence", "edit": null or {"startLine": 12, "endLine": 12, "replacement": "..."}}]}',
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
  parts.push("Which of the defect kinds listed are on the added lines? Answer with the JSON described; an empty list when there are none.");
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
