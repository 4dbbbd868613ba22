import { describe, expect, it } from "vitest";
import { parseReviewMarker } from "../../src/review/markers.js";
import { addTestsSection } from "../../src/testgen/add-tests-section.js";
import { renderTestsSection } from "../../src/testgen/render-tests-section.js";
import type { GeneratedTest, TestsReport } from "../../src/testgen/tests-report.js";

const test: GeneratedTest = {
  path: "test/a<b>.spec.ts",
  content: 'it("x", () => {\n  // ```suggestion\n  // <!-- patchsmith:review sha=' + "a".repeat(40) + " -->\n});\n",
  sourcePath: "src/a.ts",
  symbols: ["a"],
  cases: [{ name: "x", why: "See ![pwn](https://evil.example/p.png) and ask @octocat" }],
  explanation: "Covers <b>a</b>.",
  existing: false,
  attempts: 1,
  delivery: "file",
};

const report = (overrides: Partial<TestsReport>): TestsReport => ({
  untested: [{ path: "src/a.ts", name: "a", kind: "function", exportName: "a", line: 1, methods: [], reason: "no test file imports src/a.ts" }],
  generation: "ran",
  tests: [test],
  rejected: [],
  stats: { generated: 1, typeCheckedFirstTime: 1, repaired: 0, rejected: 0, dropped: 0 },
  execution: { kind: "off" },
  suggestions: [],
  notices: [],
  leftOut: [],
  ...overrides,
});

describe("renderTestsSection", () => {
  it("shows model code in a fence it cannot close, with no marker and no image, link or mention from the model", () => {
    const section = renderTestsSection(report({}), { repo: { owner: "o", name: "r" } });
    expect(section).toContain("<summary>Proposed <code>test/a&lt;b&gt;.spec.ts</code> for a (1 case)</summary>");
    expect(section).toContain("````ts\nit(\"x\", () => {\n  // ```suggestion\n");
    expect(parseReviewMarker(section)).toBeUndefined();
    expect(section).not.toContain("<!--");
    expect(section).not.toContain("![pwn]");
    expect(section).not.toMatch(/(?<!`)@octocat/);
    expect(section).not.toContain("<b>a</b>");
  });

  it("says why tests were not run, or that they ran, and lists what was not delivered", () => {
    expect(renderTestsSection(report({}))).toContain("Not run: running a pull request's code means running untrusted code");
    const ran = renderTestsSection(
      report({
        execution: { kind: "ran", runs: 3 },
        rejected: [{ path: "test/b.spec.ts", sourcePath: "src/b.ts", symbols: ["b"], stage: "run", reasons: ["it failed"], attempts: 1 }],
        stats: { generated: 2, typeCheckedFirstTime: 2, repaired: 0, rejected: 0, dropped: 1 },
      }),
    );
    expect(ran).toContain("Run 3 times each in a throwaway copy");
    expect(ran).toContain("· 1 dropped after running.");
    expect(ran).toContain("- `test/b.spec.ts` for `b`: dropped: it failed");
  });

  it("keeps a huge file out of the body instead of breaking GitHub's size limit", () => {
    const big = { ...test, content: "x".repeat(50_000) };
    const section = renderTestsSection(report({ tests: [big] }));
    expect(section).toContain("The file is too long to show here");
    expect(section.length).toBeLessThan(5_000);
  });

  it("goes before the review body's closing Model line", () => {
    expect(addTestsSection("### review\n\nbody\n\n---\nModel: x.", "#### Unit tests")).toBe("### review\n\nbody\n\n#### Unit tests\n\n---\nModel: x.");
    expect(addTestsSection("no footer\n", "#### Unit tests")).toBe("no footer\n\n#### Unit tests");
  });
});

describe("a review whose changed exports are all tested", () => {
  it("gets no unit-test section at all", () => {
    const section = renderTestsSection(report({ untested: [], generation: "nothing-to-test", tests: [] }));
    expect(section).toBe("");
    expect(addTestsSection("body\n\n---\nModel: x.", section)).toBe("body\n\n---\nModel: x.");
  });
});
