/**
 * GBNF grammars for answers that carry code (a fix's lines, a test file): the
 * code travels as a plain fenced block, never inside a JSON string, so the model
 * writes it as it writes code everywhere else (no escaping, no fence inside a
 * string). No header is asked for: on a CPU every answer token is time.
 *
 * The fence opens with a language tag (never a bare ```` ``` ````) and closes
 * with the first ```` ``` ```` at the start of a line; the code cannot hold
 * three backticks in a row. Nothing may follow the closing fence.
 */
const FENCE_RULES = [
  'fence ::= "```" [a-z]{1,12} "\\n" code "\\n```"',
  // Any text without three backticks in a row.
  'code ::= ( [^`] | "`" [^`] | "``" [^`] )*',
];

/** A fix: the new text of the marked lines, in one fenced block. */
export const FIX_ANSWER_GRAMMAR = ["root ::= fence", ...FENCE_RULES].join("\n");

/** A test file, in one fenced block: no header (its cases are read from the file's test names). */
export const TESTS_ANSWER_GRAMMAR = FIX_ANSWER_GRAMMAR;
