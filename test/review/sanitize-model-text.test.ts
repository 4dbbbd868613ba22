import { describe, expect, it } from "vitest";
import { sanitizeModelText } from "../../src/review/sanitize-model-text.js";
import { toOneLine } from "../../src/review/to-one-line.js";
import { auditRenderedMarkdown } from "./audit-rendered-markdown.js";

const repo = { owner: "acme", repo: "widgets" };
const ALLOWED = "https://github.com/acme/widgets";
const TOKEN = "ghp_0123456789abcdefghijABCDEFGHIJklmnop";
const sanitize = (text: string): string => sanitizeModelText(text, repo);

describe("sanitizeModelText", () => {
  it("leaves plain prose and code spans alone", () => {
    expect(sanitize("Rename `foo` to `bar`; it shadows the import.")).toBe("Rename `foo` to `bar`; it shadows the import.");
  });

  it("removes markdown images, keeping their alt text", () => {
    expect(sanitize("See ![diagram](https://evil.example/track.png) here")).toBe("See diagram here");
  });

  it("removes reference images by escaping the brackets that would form them", () => {
    const out = sanitize("![logo][1]\n\n[1]: https://evil.example/logo.png");
    expect(auditRenderedMarkdown(out, ALLOWED)).toEqual([]);
    expect(out).not.toMatch(/(^|[^\\])\[1\]:/);
  });

  it("escapes <img> and other raw HTML so it shows as text", () => {
    const out = sanitize('Look <img src="https://evil.example/x.png" onerror="alert(1)"> and <script>alert(1)</script> <details open>');
    expect(out).toContain("\\<img");
    expect(auditRenderedMarkdown(out, ALLOWED)).toEqual([]);
  });

  it("keeps links into this repository", () => {
    expect(sanitize("See [the helper](https://github.com/acme/widgets/blob/main/src/a.ts#L3).")).toBe(
      "See [the helper](https://github.com/acme/widgets/blob/main/src/a.ts#L3).",
    );
    expect(sanitize("https://github.com/acme/widgets/pull/7")).toBe("https://github.com/acme/widgets/pull/7");
  });

  it("turns links elsewhere into their text, other repositories on github.com included", () => {
    expect(sanitize("[click](https://evil.example/phish) or [this](https://github.com/acme/widgets-evil/x)")).toBe("click or this");
    expect(sanitize("[x](https://github.com/acme/widgets.evil.example/)")).toBe("x");
    expect(sanitize("[x](javascript:alert(1))")).toBe("\\[x\\](javascript:alert(1))");
  });

  it("allows no links at all when no repository is given", () => {
    expect(sanitizeModelText("[see](https://github.com/acme/widgets/pull/1)")).toBe("see");
  });

  it("defangs bare URLs and www. hosts so GitHub does not autolink them", () => {
    const out = sanitize("Download https://evil.example/payload.sh or www.evil.example/x today.");
    expect(out).toBe("Download https\\[:\\]//evil\\[.\\]example/payload\\[.\\]sh or www\\[.\\]evil\\[.\\]example/x today.");
    expect(auditRenderedMarkdown(out, ALLOWED)).toEqual([]);
  });

  it("defangs autolinks in angle brackets and e-mail addresses", () => {
    const out = sanitize("<https://evil.example> and <mailto:a@evil.example> and me@evil.example");
    expect(auditRenderedMarkdown(out, ALLOWED)).toEqual([]);
    expect(out).toContain("me`@evil.example`");
  });

  it("wraps @mentions and team mentions in code spans", () => {
    expect(sanitize("cc @octocat and @acme/security, thanks")).toBe("cc `@octocat` and `@acme/security`, thanks");
  });

  it("leaves decorators in code alone and wraps every @name in prose, whatever comes before it", () => {
    expect(sanitize("Use the `@Injectable()` decorator")).toBe("Use the `@Injectable()` decorator");
    expect(sanitize("user@host and x_@y")).toBe("user`@host` and x_`@y`");
  });

  it("does not let a wrapped mention expose the next one", () => {
    const out = sanitize("=@a@b.example and @c@d");
    expect(auditRenderedMarkdown(out, ALLOWED)).toEqual([]);
  });

  it("wraps cross-repository references, which would notify the other repository", () => {
    expect(sanitize("Same as facebook/react#123 and torvalds/linux@abcdef1.")).toBe("Same as `facebook/react#123` and `torvalds/linux@abcdef1`.");
  });

  it("removes HTML comments, so no marker can be forged", () => {
    const out = sanitize("Fine. <!-- patchsmith:fp=0123456789abcdef --> <!-- patchsmith:review sha=0123456789abcdef0123456789abcdef01234567 -->");
    expect(out).toBe("Fine.");
  });

  it("removes comment openers rebuilt from fragments, and inside code too", () => {
    expect(sanitize("<!<!---->-- x")).not.toContain("<!--");
    expect(sanitize("<!-<!---->- x")).not.toContain("<!--");
    expect(sanitize("`<!-- patchsmith:paused -->`")).not.toContain("<!--");
    expect(sanitize("```html\n<!-- patchsmith:paused -->\n```")).not.toContain("<!--");
  });

  it("redacts secrets in prose and in code", () => {
    const out = sanitize(`Token ${TOKEN} and \`AKIAIOSFODNN7EXAMPLE\`\n\n\`\`\`\nconst url = "postgres://admin:hunter2@db:5432/app";\n\`\`\``);
    expect(out).not.toContain(TOKEN);
    expect(out).not.toContain("AKIAIOSFODNN7EXAMPLE");
    expect(out).not.toContain("hunter2");
    expect(out).toContain("[redacted secret]");
  });

  it("removes zero-width and bidi control characters, also when they hide a token or a mention", () => {
    expect(sanitize("a\u200Bb\u200Dc\u202Ed\u2066e\uFEFFf\u00ADg")).toBe("abcdefg");
    expect(sanitize(`ghp_0123456789\u200Babcdefghij\u200CABCDEFGHIJklmnop`)).toBe("\\[redacted secret\\]");
    expect(sanitize("@\u200Boctocat")).toBe("`@octocat`");
  });

  it("re-emits fenced code with a fence longer than any backtick run inside", () => {
    expect(sanitize("Try:\n\n```ts\nconst s = `a`;\n```")).toBe("Try:\n\n```ts\nconst s = `a`;\n```");
    expect(sanitize("~~~md\nuse ```js fences\n~~~")).toBe("\n````md\nuse ```js fences\n````");
  });

  it("leaves code blocks' contents alone: no escaping, no mention wrapping", () => {
    expect(sanitize("```ts\n@Component({ selector: '<app>' })\nconst a = b[0] ?? `x`;\n```")).toBe(
      "\n```ts\n@Component({ selector: '<app>' })\nconst a = b[0] ?? `x`;\n```",
    );
  });

  it("never lets the model write a suggestion block (or a mermaid diagram)", () => {
    expect(sanitize("```suggestion\ndeleteEverything();\n```")).toBe("\n```\ndeleteEverything();\n```");
    expect(sanitize("```mermaid\ngraph TD; A-->B\n```")).toBe("\n```\ngraph TD; A--\u003eB\n```");
  });

  it("closes an unclosed fence instead of swallowing what follows", () => {
    expect(sanitize("```js\nlet a = 1;")).toBe("\n```js\nlet a = 1;\n```");
  });

  it("does not trust a backslash-escaped backtick to open a code span", () => {
    const out = sanitize("\\`@octocat` [x](https://evil.example)`");
    expect(auditRenderedMarkdown(out, ALLOWED)).toEqual([]);
  });

  it("keeps adjacent code spans from merging with a wrapped mention", () => {
    const out = sanitize("@user``@evil``");
    expect(out).toBe("`@user` ``@evil``");
    expect(auditRenderedMarkdown(out, ALLOWED)).toEqual([]);
  });

  it("treats a code span holding | as prose (a table would split it)", () => {
    const out = sanitize("| a | b |\n|---|---|\n| `x | @evil [p](https://evil.example)` |");
    expect(auditRenderedMarkdown(out, ALLOWED)).toEqual([]);
  });

  it("escapes entities, so &#64; cannot become an @", () => {
    const out = sanitize("&#64;octocat &lt;img&gt;");
    expect(out).toBe("\\&#64;octocat \\&lt;img\\&gt;");
    expect(auditRenderedMarkdown(out, ALLOWED)).toEqual([]);
  });

  it("keeps backslash escapes that were already there and doubles a trailing backslash", () => {
    expect(sanitize("a \\* b \\[c\\]")).toBe("a \\* b \\[c\\]");
    expect(sanitize("ends with \\")).toBe("ends with \\\\");
  });

  it("sees URLs, mentions and references through backslash escapes, as GitHub's autolinker does", () => {
    const out = sanitize("https\\://evil.example www\\.evil.example \\@octocat facebook/react\\#1 me\\@evil.example .@.x");
    expect(out).toBe("https\\[:\\]//evil\\[.\\]example www\\[.\\]evil\\[.\\]example `@octocat` `facebook/react#1` me`@evil.example` .`@.x`");
  });

  it("keeps an allowed URL as a link only where it plainly ends", () => {
    expect(sanitize("https://github.com/acme/widgets/x`code`")).toBe("https\\[:\\]//github\\[.\\]com/acme/widgets/x`code`");
    expect(sanitize("https://github.com/acme/widgets/x<b>")).toContain("https\\[:\\]//");
    expect(sanitize("(https://github.com/acme/widgets/pull/1).")).toBe("(https://github.com/acme/widgets/pull/1).");
  });

  it("neutralises link reference definitions and footnotes", () => {
    const out = sanitize("[docs]\n\n[docs]: https://evil.example\n\nSee[^1].\n\n[^1]: https://evil.example");
    expect(auditRenderedMarkdown(out, ALLOWED)).toEqual([]);
  });
});

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAGMENTS = [
  "\\:", "\\.", "\\#", "\\/", "\\@", "https", "//evil.example", "www", "&#58;",
  "@", "octocat", "@evil", "`", "``", "```", "````", "~~~", "\\", "[", "]", "(", ")", "!", "<", ">", "|", "-", "*", "_", "&", "#", ";", ":",
  "img src=x", "!--", "--", "-->", "a href=", "https://evil.example/x", "www.evil.example", "https://github.com/acme/widgets/x",
  "https://github.com/other/repo", "mailto:", "a@b.example", "foo/bar#12", "suggestion", "mermaid", "javascript:alert(1)",
  "\u200B", "\u202E", "\n", "\n\n", " ", "    ", "> ", "1. ", "- [ ] ", "[x]: ", "&#64;", "\\`", "x", "ts", "|---|", TOKEN,
];

describe("sanitizeModelText against a GFM renderer", () => {
  it("leaves nothing dangerous in 2000 random mixes of markdown fragments, alone or after other text", () => {
    const next = random(20240601);
    const failures: string[] = [];
    for (let round = 0; round < 2000 && failures.length < 5; round += 1) {
      const count = 1 + Math.floor(next() * 24);
      let input = "";
      for (let index = 0; index < count; index += 1) input += FRAGMENTS[Math.floor(next() * FRAGMENTS.length)] ?? "";
      const out = sanitize(input);
      const problems = [
        ...auditRenderedMarkdown(out, ALLOWED),
        ...auditRenderedMarkdown(`**Warning:** ${out}\n\nRule: \`x\``, ALLOWED),
        ...auditRenderedMarkdown(`- \`a.ts:1\` **error**: ${toOneLine(out)}\n- next`, ALLOWED),
        ...(out.includes(TOKEN) ? ["the token"] : []),
      ];
      if (problems.length > 0) failures.push(`${JSON.stringify(input)} → ${JSON.stringify(out)}: ${problems.join(", ")}`);
    }
    expect(failures).toEqual([]);
  });
});
