/**
 * The review's answer as lines, not JSON: `none`, or up to four defects, each
 * `\`the code of the line\` missing await: one sentence on what goes wrong`.
 * No line number: small models miscount them, while they copy code well, so
 * the line is where the quote stands among the added lines (a quote found on
 * none is dropped). The kind comes from a fixed list (DEFECT_KINDS), so a
 * finding names a concrete defect or is not written at all.
 */
export const DEFECT_KINDS = [
  { name: "null or undefined access", what: "a value that may be missing (Map.get, find, optional, `!`) used unchecked" },
  { name: "off-by-one", what: "a bound, index or slice end one too far or too short" },
  { name: "inverted condition", what: "a test that does the opposite of what the code means" },
  { name: "missing await", what: "a promise in an async function neither awaited nor returned" },
  { name: "wrong variable", what: "a variable or argument where another belongs" },
  { name: "unhandled rejection", what: "a promise nothing awaits or catches" },
  { name: "injection", what: "outside text put into SQL, a shell command or HTML unescaped" },
  { name: "race", what: "state checked, then changed after an await" },
] as const;

export type DefectKind = (typeof DEFECT_KINDS)[number]["name"];

const gbnfString = (text: string): string => JSON.stringify(text);

export const REVIEW_ANSWER_GRAMMAR = [
  'root ::= "none" | item ( "\\n" item ){0,3}',
  'item ::= "`" quote "` " kind ": " sentence',
  "quote ::= [^`\\n]{1,200}",
  `kind ::= ${DEFECT_KINDS.map((k) => gbnfString(k.name)).join(" | ")}`,
  "sentence ::= [^\\n]{1,300}",
].join("\n");
