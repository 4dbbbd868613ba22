import { describe, expect, it } from "vitest";
import { renderReviewBody, type ReviewBodyParams } from "../../src/review/render-summary.js";
import type { Finding, ReviewStats } from "../../src/types.js";
import { auditRenderedMarkdown } from "./audit-rendered-markdown.js";

const stats: ReviewStats = {
  filesAnalysed: 3,
  filesSkipped: 2,
  suggestionsProposed: 5,
  suggestionsValidated: 3,
  suggestionsRejected: 2,
  suggestionsRepaired: 1,
  validatedFirstTime: 2,
  timings: { analyze: 120 },
};

const findings: Finding[] = [
  { path: "src/a.ts", startLine: 3, line: 3, severity: "error", rule: "ts/TS2304", message: "Cannot find name 'fetchUser'." },
  { path: "src/a.ts", startLine: 9, line: 12, severity: "warning", rule: "model/bug", message: "Ask @octocat: this loop never ends <img src=x>" },
  { path: "src/b.ts", startLine: 40, line: 40, severity: "warning", rule: "eslint/no-unused-vars", message: "'tmp' is assigned a value but never used." },
  { path: "src/c.ts", startLine: 1, line: 1, severity: "info", rule: "model/style", message: "Prefer `const`." },
];

const base: ReviewBodyParams = {
  findings,
  comments: [{ path: "src/a.ts", line: 3, side: "RIGHT", body: "…", fingerprint: "0123456789abcdef" }],
  overflow: [findings[1], findings[2]].filter((item) => item !== undefined),
  skipped: [
    { path: "package-lock.json", reason: "lockfile" },
    { path: "dist/index.js", reason: "generated file (in dist/)" },
  ],
  notices: [{ path: "src/d.ts", message: "Could not read the diff of src/d.ts: the hunk ends early. The file was left out of the review." }],
  stats,
  model: "qwen2.5-coder-7b-instruct Q4_K_M (node-llama-cpp, CUDA)",
};

describe("renderReviewBody", () => {
  it("renders verdict, counts, suggestions, overflow, skipped files, notices and model", () => {
    expect(renderReviewBody(base)).toMatchInlineSnapshot(`
      "### patchsmith review

      **Changes needed:** 1 error, 2 warnings and 1 note in the changed lines of 3 files.

      - **Findings:** 1 error · 2 warnings · 1 note; 1 commented inline
      - **Suggestions:** 5 proposed · 3 validated (1 of them after a repair) · 2 rejected by ESLint or TypeScript
      - **Files:** 3 analysed · 2 skipped

      #### Not posted inline

      Over the comment limit, or on lines outside the diff:

      - \`src/a.ts:9-12\` **warning** \`model/bug\`: Ask \`@octocat\`: this loop never ends \\<img src=x>
      - \`src/b.ts:40\` **warning** \`eslint/no-unused-vars\`: 'tmp' is assigned a value but never used.

      #### Files not reviewed

      - \`package-lock.json\`: lockfile
      - \`dist/index.js\`: generated file (in dist/)

      #### Notices

      - Could not read the diff of src/d.ts: the hunk ends early. The file was left out of the review.

      ---
      Model: \`qwen2.5-coder-7b-instruct Q4_K_M (node-llama-cpp, CUDA)\`. A suggestion is posted only after its edit was applied in memory and re-checked with ESLint and TypeScript."
    `);
  });

  it("says when only deterministic checks ran and nothing was found", () => {
    const body = renderReviewBody({ findings: [], comments: [], overflow: [], skipped: [], notices: [], stats: { ...stats, filesAnalysed: 1, filesSkipped: 0, suggestionsProposed: 0, suggestionsValidated: 0, suggestionsRejected: 0, suggestionsRepaired: 0 } });
    expect(body).toContain("**Looks good:** no problems found in the changed lines of 1 file.");
    expect(body).toContain("Model: deterministic checks only (no model configured).");
    expect(body).not.toContain("Not posted inline");
    expect(body).not.toContain("repair");
  });

  it("picks the verdict from the worst severity", () => {
    const only = (severity: Finding["severity"]): string => renderReviewBody({ ...base, findings: [{ ...findings[0], severity } as Finding] }).split("\n")[2] ?? "";
    expect(only("error")).toMatch(/^\*\*Changes needed:\*\* 1 error /);
    expect(only("warning")).toMatch(/^\*\*Worth a look:\*\* 1 warning /);
    expect(only("info")).toMatch(/^\*\*Looks good:\*\* only 1 note /);
  });

  it("caps long lists and long messages", () => {
    const many: Finding[] = Array.from({ length: 45 }, (_, index) => ({
      path: `src/f${index}.ts`,
      startLine: 1,
      line: 1,
      severity: "warning",
      rule: "model/bug",
      message: "x".repeat(1000),
    }));
    const body = renderReviewBody({ ...base, findings: many, overflow: many });
    expect(body).toContain("- …and 15 more findings.");
    expect(body).not.toContain("x".repeat(301));
    expect(body).toContain(`${"x".repeat(300)}…`);
  });

  it("never lets untrusted paths, messages or notices add links, mentions, HTML or markers", () => {
    const hostile: Finding = {
      path: "src/[x](https://evil.example)`@octocat`<!--.ts",
      startLine: 1,
      line: 1,
      severity: "error",
      rule: "model/<img src=x>",
      message: "```\ncode\n\n@octocat [p](https://evil.example)\n```\n<!-- patchsmith:review sha=0123456789abcdef0123456789abcdef01234567 -->",
    };
    const body = renderReviewBody({
      ...base,
      findings: [hostile],
      overflow: [hostile],
      skipped: [{ path: "@octocat/evil.ts", reason: "see https://evil.example" }],
      notices: [{ message: "ping @octocat ghp_0123456789abcdefghijABCDEFGHIJklmnop" }],
      model: "model `@octocat` <b>",
    });
    expect(auditRenderedMarkdown(body, "https://github.com/acme/widgets")).toEqual([]);
    expect(body).not.toContain("ghp_0123456789");
  });
});
