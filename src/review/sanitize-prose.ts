import { ASCII_PUNCTUATION } from "./ascii-punctuation.js";
import { joinMarkdown } from "./join-markdown.js";
import type { SanitizeContext } from "./sanitize-context.js";

const HOLD_OPEN = "\uFDD0";
const HOLD_CLOSE = "\uFDD1";
const HELD = /\uFDD0(\d+)\uFDD1/;

const IMAGE = /!\[([^[\]\n]*)\]\([^()\n]*\)/g;
const LINK = /\[([^[\]\n]*)\]\(\s*<?([^\s()<>`]*)>?(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)/g;
/** As far as GitHub's autolinker reads a URL: up to whitespace or "<". */
const BARE_URL = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)[^\s<\uFDD0\uFDD1]*/gi;
const TRAILING_PUNCTUATION = /[?!.,:*_~'"]$/;
const CROSS_REFERENCE = /[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+(?:#\d+|@[0-9a-f]{7,40})/g;
/**
 * Every "@", with the name after it, whatever comes before it (what comes
 * before may still change: it may be held or escaped). A lone "@" too: it
 * could join an e-mail autolink.
 */
const MENTION = /@(?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?(?:\/[A-Za-z0-9_.-]*[A-Za-z0-9_-])?/g;
/**
 * Escapes kept while matching: they only shape formatting. Every other escape
 * is undone first, because GitHub finds URLs, mentions and references in the
 * rendered text, where `https\://` and `www\.` have lost their backslashes.
 */
const KEEP_ESCAPED = new Set(["\\", "*", "|", ">", "!", "(", ")", "{", "}", "^", "$", '"', "'", ";", ","]);
/** Characters that could open a link, image, code span, fence, HTML tag or entity. */
const ESCAPED = new Set(["`", "~", "[", "]", "<", "&"]);

/**
 * Make markdown prose (no code spans or fences in it) safe to post:
 *  - images become their alt text;
 *  - links stay only when they point into this repository, others become their text;
 *  - other URLs are defanged (`https[:]//evil[.]example`) so GitHub does not autolink them;
 *  - every "@" (with the name or e-mail domain after it) and every
 *    cross-repository reference goes into a code span, so nobody is notified;
 *  - every character that could start a link, image, code span, fence, HTML
 *    tag or entity is backslash-escaped.
 * The markup we keep is held aside while escaping.
 * `followedByCode`: an inline code span comes right after this text.
 */
export function sanitizeProse(text: string, context: SanitizeContext, options: { readonly followedByCode?: boolean } = {}): string {
  const held: string[] = [];
  const hold = (markup: string): string => `${HOLD_OPEN}${String(held.push(markup) - 1)}${HOLD_CLOSE}`;
  const allowed = allowedUrl(context);

  const marked = text
    .replace(/\\([!-/:-@[-`{-~])/g, (pair, char: string) => (KEEP_ESCAPED.has(char) ? pair : char))
    .replace(IMAGE, (_image, alt: string) => alt)
    .replace(LINK, (_link, label: string, url: string) => (allowed(url) ? hold(`[${sanitizeProse(label, {})}](${url})`) : label))
    .replace(BARE_URL, (found: string, offset: number, whole: string) => {
      const url = trimUrl(found);
      const trail = found.slice(url.length);
      // Keep an autolink only where it plainly ends: some renderers let it run on
      // over an escaping backslash (of "<") or into a code span that follows.
      const next = whole.charAt(offset + found.length);
      const endsCleanly = next === "" ? options.followedByCode !== true : /\s/.test(next);
      return allowed(url) && endsCleanly ? hold(url) + trail : defang(found);
    })
    .replace(CROSS_REFERENCE, (reference) => hold(`\`${reference}\``))
    .replace(MENTION, (mention) => hold(`\`${mention}\``));

  const parts = marked.split(HELD);
  const pieces = parts.map((part, index) => (index % 2 === 1 ? (held[Number(part)] ?? "") : escapeText(part)));
  return joinMarkdown(pieces);
}

/** `https://github.com/<owner>/<repo>` and pages under it; nothing at all without a repository. */
function allowedUrl(context: SanitizeContext): (url: string) => boolean {
  const { owner, repo } = context;
  if (owner === undefined || repo === undefined || owner === "" || repo === "") return () => false;
  const prefix = new RegExp(`^https://github\\.com/${escapeRegExp(owner)}/${escapeRegExp(repo)}(?:[/?#][^\\s()<>\`"'|\\\\[\\]]*)?$`, "i");
  return (url) => prefix.test(url);
}

/** A URL without the trailing punctuation GFM leaves out of an autolink (and an unbalanced ")"). */
function trimUrl(found: string): string {
  let url = found;
  for (;;) {
    if (TRAILING_PUNCTUATION.test(url)) url = url.slice(0, -1);
    else if (url.endsWith(")") && url.split(")").length > url.split("(").length) url = url.slice(0, -1);
    else return url;
  }
}

/** `https://evil.example/a.js` → `https[:]//evil[.]example/a[.]js`: readable, never autolinked. */
function defang(url: string): string {
  return url.replace(/:\/\//g, "[:]//").replaceAll(".", "[.]");
}

/** Backslash-escape markup characters, keeping escapes that are already there. */
function escapeText(text: string): string {
  let result = "";
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (char === "\\") {
      const next = text.charAt(index + 1);
      if (ASCII_PUNCTUATION.has(next)) {
        result += char + next;
        index += 1;
      } else {
        // A lone backslash at the end would escape whatever is put after it.
        result += next === "" ? "\\\\" : "\\";
      }
      continue;
    }
    result += ESCAPED.has(char) ? `\\${char}` : char;
  }
  return result;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
