import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";

/** Tags a GFM renderer produces from markdown itself; any other tag came from raw HTML in the input. */
const MARKDOWN_TAGS = new Set([
  "a", "p", "code", "pre", "em", "strong", "del", "br", "hr", "blockquote", "ul", "ol", "li",
  "table", "thead", "tbody", "tr", "th", "td", "h1", "h2", "h3", "h4", "h5", "h6",
]);

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'" };

/**
 * Render markdown the way GitHub does (CommonMark + GFM, raw HTML passed
 * through) and list everything in the result a sanitiser must have stopped:
 * raw HTML tags, images, links outside `allowedPrefix`, suggestion blocks,
 * @mentions and cross-repository references in plain text, comment openers.
 */
export function auditRenderedMarkdown(markdown: string, allowedPrefix: string): string[] {
  const html = micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
  const problems: string[] = [];
  if (markdown.includes("<!--")) problems.push("an HTML comment opener");
  for (const [, name = ""] of html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)) {
    if (!MARKDOWN_TAGS.has(name.toLowerCase())) problems.push(`raw HTML <${name}>`);
  }
  for (const [, url = ""] of html.matchAll(/\b(?:href|src)="([^"]*)"/g)) {
    if (url !== allowedPrefix && !url.startsWith(`${allowedPrefix}/`)) problems.push(`a link to ${url}`);
  }
  if (html.includes(`class="language-suggestion"`)) problems.push("a suggestion block");
  const text = html
    .replace(/<pre[\s\S]*?<\/pre>/g, " ")
    .replace(/<code[^>]*>[\s\S]*?<\/code>/g, " ")
    .replace(/<a [\s\S]*?<\/a>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_entity, name: string) => ENTITIES[name] ?? "");
  const mention = /(?:^|[^A-Za-z0-9_])@[A-Za-z0-9]/.exec(text);
  if (mention) problems.push(`a mention in "${text.slice(Math.max(0, mention.index - 20), mention.index + 20)}"`);
  if (/\b[A-Za-z0-9-]+\/[A-Za-z0-9._-]+#\d/.test(text)) problems.push("a cross-repository reference");
  return problems;
}
