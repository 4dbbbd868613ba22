/**
 * GBNF grammars for answers that carry code (a fix's lines, a test file): the
 * code travels as a plain fenced block, never inside a JSON string, so the model
 * writes it as it writes code everywhere else (no escaping, no fence inside a
 * string). A short JSON header may come first, on its own line.
 *
 * The fence opens with a language tag (never a bare ```` ``` ````) and closes
 * with the first ```` ``` ```` at the start of a line; the code cannot hold
 * three backticks in a row. Nothing may follow the closing fence.
 */
const JSON_STRING_RULES = [
  'char ::= [^"\\\\\\x7F\\x00-\\x1F] | "\\\\" ["\\\\/bfnrt] | "\\\\u" [0-9a-fA-F]{4}',
  'str200 ::= "\\"" char{0,200} "\\""',
  'str300 ::= "\\"" char{0,300} "\\""',
];

const FENCE_RULES = [
  'fence ::= "```" [a-z]{1,12} "\\n" code "\\n```"',
  // Any text without three backticks in a row.
  'code ::= ( [^`] | "`" [^`] | "``" [^`] )*',
];

/** A fix: the new text of the marked lines, in one fenced block. */
export const FIX_ANSWER_GRAMMAR = ["root ::= fence", ...FENCE_RULES].join("\n");

/** A test file: a one-line JSON header naming the cases, then the file in one fenced block. */
export const TESTS_ANSWER_GRAMMAR = [
  'root ::= header "\\n" fence',
  'header ::= "{\\"cases\\": [" ( case ( ", " case ){0,11} )? "], \\"explanation\\": " str300 "}"',
  'case ::= "{\\"name\\": " str200 ", \\"why\\": " str300 "}"',
  ...JSON_STRING_RULES,
  ...FENCE_RULES,
].join("\n");
