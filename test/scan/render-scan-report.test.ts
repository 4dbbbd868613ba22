import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";
import { describe, expect, it } from "vitest";
import { renderScanReport, type ScanReportInput } from "../../src/scan/render-scan-report.js";
import type { ScanResult } from "../../src/scan/scan-project.js";
import type { Finding } from "../../src/types.js";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const REPO = { owner: "octo", name: "repo", url: "https://github.com/octo/repo" };
const AT = new Date("2024-05-06T03:12:00Z");

function result(findings: Finding[], overrides: Partial<ScanResult> = {}): ScanResult {
  return {
    findings,
    untested: [],
    generatedTests: [],
    skipped: [],
    excluded: [],
    notices: [],
    stats: { filesAnalysed: 4, filesSkipped: 0, suggestionsProposed: 0, suggestionsValidated: 0, suggestionsRejected: 0, suggestionsRepaired: 0, validatedFirstTime: 0, timings: {} },
    ...overrides,
  };
}

const unused: Finding = { path: "src/a b(1).ts", startLine: 3, line: 3, severity: "warning", rule: "eslint/no-unused-vars", message: "'x' is assigned a value but never used." };
const typeError: Finding = { path: "src/b.ts", startLine: 2, line: 4, severity: "error", rule: "ts/TS2322", message: "Type 'string' is not assignable to type 'number'." };

function render(input: Partial<ScanReportInput> & Pick<ScanReportInput, "outcome">): string {
  return renderScanReport({ repo: REPO, sha: SHA, branch: "main", scannedAt: AT, ...input });
}

describe("renderScanReport", () => {
  it("lists findings most severe first with links to their lines at the scanned commit, and counts by kind", () => {
    const body = render({ outcome: { kind: "scanned", result: result([unused, typeError]) } });
    expect(body).toContain(`Scanned \`main\` at [\`0123456\`](https://github.com/octo/repo/commit/${SHA}) on 2024-05-06 03:12 UTC.`);
    expect(body).toContain("**2 findings** in 4 files analysed.");
    expect(body).toContain("| ESLint | 1 |\n| TypeScript | 1 |\n| **Total** | **2** |");
    const rows = body.split("\n").filter((line) => line.startsWith("| error") || line.startsWith("| warning"));
    expect(rows).toEqual([
      `| error | [\`src/b.ts:2-4\`](https://github.com/octo/repo/blob/${SHA}/src/b.ts#L2-L4) | \`ts/TS2322\` | Type 'string' is not assignable to type 'number'. |  |`,
      `| warning | [\`src/a b(1).ts:3\`](https://github.com/octo/repo/blob/${SHA}/src/a%20b%281%29.ts#L3) | \`eslint/no-unused-vars\` | 'x' is assigned a value but never used. |  |`,
    ]);
    const html = micromark(body, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
    expect(html).toContain(`<a href="https://github.com/octo/repo/blob/${SHA}/src/a%20b%281%29.ts#L3"><code>src/a b(1).ts:3</code></a>`);
  });

  it("shows the trend against the previous scan", () => {
    const previous = { sha: "f".repeat(40), at: "2024-04-29T03:12:00.000Z", counts: { eslint: 3, model: 2 } };
    const body = render({ outcome: { kind: "scanned", result: result([unused, typeError]) }, previous });
    expect(body).toContain("| Kind | Now | Previous scan (`fffffff`, 2024-04-29) | Change |");
    expect(body).toContain("| ESLint | 1 | 3 | −2 |");
    expect(body).toContain("| Model review | 0 | 2 | −2 |");
    expect(body).toContain("| TypeScript | 1 | 0 | +1 |");
    expect(body).toContain("| **Total** | **2** | **5** | **−3** |");
  });

  it("says everything was fixed when a scan is clean after one with findings", () => {
    const body = render({ outcome: { kind: "scanned", result: result([]) }, previous: { sha: "f".repeat(40), at: "2024-04-29T03:12:00.000Z", counts: { eslint: 3 } } });
    expect(body).toContain("**No findings** in 4 files analysed: all 3 findings of the previous scan are fixed.");
    expect(body).not.toContain("#### Findings");
  });

  it("keeps untrusted text from breaking the table, forging markers, mentioning or linking out", () => {
    const hostile: Finding = { ...unused, path: "src/x|y.ts", message: "Type '\"<!-- patchsmith:scan -->\"' | @admin see https://evil.example/x ![i](https://evil.example/i.png)" };
    const body = render({ outcome: { kind: "scanned", result: result([hostile]) } });
    expect(body).not.toContain("<!--");
    expect(body).not.toMatch(/(?:^|[^`])@admin/);
    expect(body).not.toContain("](https://evil.example");
    const html = micromark(body, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
    const row = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1] ?? "").find((r) => r.includes("no-unused-vars")) ?? "";
    expect(row.match(/<td>/g)).toHaveLength(5);
    expect(row).toContain("<code>src/x|y.ts:3</code>");
  });

  it("refuses with the limit's line and no findings table", () => {
    const reason = "The repository archive is over the 1.0 kB download limit (PATCHSMITH_SCAN_MAX_TARBALL_BYTES), so it was refused and nothing was analysed; raise the limit to scan this repository.";
    const body = render({ outcome: { kind: "refused", reason } });
    expect(body).toContain(`> ${reason}`);
    expect(body).not.toContain("#### Findings");
  });

  it("cuts the table to the length limit and says how many rows were left out", () => {
    const many = Array.from({ length: 500 }, (_, i) => ({ ...unused, path: `src/file-${i}.ts` }));
    const body = render({ outcome: { kind: "scanned", result: result(many) }, maxLength: 10_000 });
    expect(body.length).toBeLessThanOrEqual(10_000);
    const shown = body.split("\n").filter((line) => line.startsWith("| warning")).length;
    expect(shown).toBeGreaterThan(10);
    expect(body).toContain(`…and ${500 - shown} more findings not listed here`);
  });

  it("lists what was skipped, by reason and by file, and the fix pull request", () => {
    const body = render({
      outcome: { kind: "scanned", result: result([unused], { excluded: [{ reason: "not JavaScript or TypeScript", count: 12 }], skipped: [{ path: "big.ts", reason: "big.ts is 2.0 MB, over the 1.0 MB limit" }] }) },
      fixPullRequest: { kind: "saved", created: true, number: 7, url: "https://github.com/octo/repo/pull/7", files: 1, fixes: 2, tests: 1 },
    });
    expect(body).toContain("- 12 files: not JavaScript or TypeScript");
    expect(body).toContain("- `big.ts`: big.ts is 2.0 MB, over the 1.0 MB limit");
    expect(body).toContain("#7 holds 2 validated fixes in 1 file and 1 generated test file; opened by this scan.");
  });

  it("prints a local folder's report without links", () => {
    const body = renderScanReport({ outcome: { kind: "scanned", result: result([unused]) }, folder: "my-project", scannedAt: AT });
    expect(body).toContain("Scanned `my-project` on 2024-05-06 03:12 UTC.");
    expect(body).toContain("| warning | `src/a b(1).ts:3` |");
  });

  it("lists untested exports with links and counts them as a kind of their own", () => {
    const untested = [
      { path: "src/cart.ts", name: "Cart", kind: "class" as const, exportName: "Cart", line: 4, methods: ["add", "remove"], reason: "no test imports src/cart.ts" },
      { path: "src/money.ts", name: "round", kind: "function" as const, exportName: "round", line: 1, methods: [], reason: "no test imports src/money.ts" },
    ];
    const body = render({ outcome: { kind: "scanned", result: result([unused], { untested }) } });
    expect(body).toContain("**1 finding** and **2 untested exports** in 4 files analysed.");
    expect(body).toContain("| Untested exports | 2 |");
    expect(body).toContain(`- [\`src/cart.ts:4\`](https://github.com/octo/repo/blob/${SHA}/src/cart.ts#L4) class \`Cart\` (changed methods: \`add\`, \`remove\`)`);
    expect(body).toContain(`- [\`src/money.ts:1\`](https://github.com/octo/repo/blob/${SHA}/src/money.ts#L1) function \`round\``);
  });
});
