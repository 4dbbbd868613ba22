import type { Hunk } from "../../types.js";
import { InvalidModelOutputError } from "../errors/invalid-model-output-error.js";
import { parseModelJson } from "../parse-model-json.js";
import { DEFECT_KINDS } from "../schemas/review-answer-grammar.js";
import { reviewSchema, type ModelFinding, type ReviewOutput } from "../schemas/review-schema.js";

const MAX_FINDINGS = reviewSchema.properties.findings.maxItems;
const KINDS = DEFECT_KINDS.map((k) => k.name).join("|");
const ITEM = new RegExp(`^\`([^\`\\n]+)\` (${KINDS}): (.+)$`);

const squash = (text: string): string => text.replace(/\s+/g, "");
const words = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
/** The definitions the prompt gives for each kind: a sentence that only restates one says nothing about the code. */
const DEFINITIONS = DEFECT_KINDS.map((k) => words(k.what));

/** The new-side number of the first added line of the hunks that holds the quote (whitespace ignored). */
function locate(quote: string, hunks: readonly Hunk[]): number | undefined {
  const wanted = squash(quote);
  if (wanted === "") return undefined;
  for (const hunk of hunks) for (const line of hunk.lines) if (line.kind === "add" && line.newLine !== undefined && squash(line.content).includes(wanted)) return line.newLine;
  return undefined;
}

/**
 * The review's answer as findings. The asked-for shape is lines (see
 * REVIEW_ANSWER_GRAMMAR): `none`, or `\`code\` kind: sentence` per defect;
 * each becomes a warning in category "bug" ("security" for injection) on the
 * added line that holds its quote, whose message is the kind and the
 * sentence, with no edit. A line whose quote is on no added line is dropped
 * (an invented or misquoted line), and so is one whose sentence only restates
 * a kind's definition from the prompt (the 1.5B copies it onto every line). A JSON object in the review schema (a
 * server without grammars, an older prompt) is read as well.
 */
export function parseReviewAnswer(text: string, hunks: readonly Hunk[], what: string): ReviewOutput {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) return parseModelJson(trimmed, reviewSchema, what);
  if (trimmed === "" || /^none\.?$/i.test(trimmed)) return { findings: [] };
  const findings: ModelFinding[] = [];
  let items = 0;
  for (const line of trimmed.split(/\r?\n/)) {
    const match = ITEM.exec(line.trim());
    if (match === null || findings.length >= MAX_FINDINGS) continue;
    items += 1;
    const [, copied = "", kind = "", sentence = ""] = match;
    // A quote copied with the diff's `+` marker (the 1.5B model does) is read without it.
    const quote = locate(copied, hunks) === undefined && copied.startsWith("+") ? copied.slice(1) : copied;
    const at = locate(quote, hunks);
    if (at === undefined || restatesDefinition(sentence)) continue;
    findings.push({ startLine: at, line: at, quote, severity: "warning", category: kind === "injection" ? "security" : "bug", message: `${kind}: ${sentence.trim()}`, edit: null });
  }
  if (items === 0) {
    const preview = trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed;
    throw new InvalidModelOutputError(`The model's ${what} is neither "none" nor lines of the form "\`code\` kind: sentence": ${JSON.stringify(preview)}`);
  }
  return { findings };
}

/**
 * Whether the sentence is a kind's definition from the prompt, with nothing of
 * its own ("a value that may be missing … used unchecked", "outside text put
 * into HTML unescaped"): every word of it is a word of one definition, or it
 * is a definition with a word or two around it.
 */
function restatesDefinition(sentence: string): boolean {
  const said = words(sentence);
  if (said === "") return true;
  const saidWords = said.split(" ");
  return DEFINITIONS.some((definition) => {
    const defined = new Set(definition.split(" "));
    return (saidWords.length >= 3 && saidWords.every((word) => defined.has(word))) || (said.includes(definition) && said.length - definition.length < 12);
  });
}
