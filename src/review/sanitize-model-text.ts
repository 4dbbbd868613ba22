import { joinMarkdown } from "./join-markdown.js";
import { longestBacktickRun } from "./longest-backtick-run.js";
import { redactSecrets } from "../security/redact-secrets.js";
import { removeInvisibleCharacters } from "../security/remove-invisible-characters.js";
import type { SanitizeContext } from "./sanitize-context.js";
import { sanitizeProse } from "./sanitize-prose.js";
import { splitCodeBlocks } from "./split-code-blocks.js";
import { splitCodeSpans } from "./split-code-spans.js";
import { stripHtmlComments } from "./strip-html-comments.js";

export { redactSecrets } from "../security/redact-secrets.js";
export type { SanitizeContext } from "./sanitize-context.js";

/** Info strings GitHub renders as something other than code (or as a one-click suggestion). */
const SPECIAL_RENDERERS = new Set(["suggestion", "mermaid", "math", "geojson", "topojson", "stl"]);

/**
 * Make text the model (or a pull request) wrote safe to post:
 *  1. drop zero-width, bidi and control characters, HTML comments and any
 *     `<!--` (they could forge our markers), and secret-shaped strings;
 *  2. cut it into fenced code blocks, inline code spans and prose;
 *  3. sanitise the prose (no images, no links outside this repository, no
 *     autolinked URLs, no raw HTML, no @mentions) and re-emit the code with
 *     fences of our own, so no piece can be read as another kind.
 * The result can follow other text on a line (it starts with a newline when
 * it starts with a code block) but must not be indented or put in a table.
 */
export function sanitizeModelText(text: string, context: SanitizeContext = {}): string {
  const cleaned = redactSecrets(stripHtmlComments(removeInvisibleCharacters(text))).trim();
  const pieces = splitCodeBlocks(cleaned);
  const rendered = pieces.map((piece) => (piece.kind === "block" ? renderCodeBlock(piece.info, piece.code) : sanitizeInline(piece.text, context)));
  return `${pieces[0]?.kind === "block" ? "\n" : ""}${rendered.join("\n")}`;
}

function sanitizeInline(text: string, context: SanitizeContext): string {
  const pieces = splitCodeSpans(text);
  return joinMarkdown(
    pieces.map((piece, index) =>
      piece.kind === "code" ? piece.text : sanitizeProse(piece.text, context, { followedByCode: index + 1 < pieces.length }),
    ),
  );
}

function renderCodeBlock(info: string, code: string): string {
  const fence = "`".repeat(Math.max(3, longestBacktickRun(code) + 1));
  const language = /^[A-Za-z0-9_+#.-]{1,32}/.exec(info)?.[0] ?? "";
  const lower = language.toLowerCase();
  const label = [...SPECIAL_RENDERERS].some((special) => lower.startsWith(special)) ? "" : language;
  return code === "" ? `${fence}${label}\n${fence}` : `${fence}${label}\n${code}\n${fence}`;
}
