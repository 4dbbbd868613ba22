import { describe, expect, it } from "vitest";
import { selectComments } from "../../src/review/select-comments.js";
import type { Finding } from "../../src/types.js";
import { finding, manyFile, manyHeadLines } from "./many-file.js";

const headText = (path: string): string | undefined => (path === "src/many.ts" ? manyHeadLines.join("\n") : undefined);
const config = { severity: "info", maxComments: 20 } as const;

function select(findings: readonly Finding[], overrides: Partial<{ severity: "error" | "warning" | "info"; maxComments: number }> = {}) {
  return selectComments({ findings, files: [manyFile], headText, config: { ...config, ...overrides } });
}

describe("selectComments", () => {
  it("puts errors first, then orders by path and line", () => {
    const { comments } = select([
      finding({ line: 36, startLine: 36, severity: "warning", rule: "a" }),
      finding({ line: 3, startLine: 3, severity: "warning", rule: "b" }),
      finding({ line: 33, startLine: 33, severity: "error", rule: "c" }),
      finding({ line: 1, startLine: 1, severity: "info", rule: "d" }),
    ]);
    expect(comments.map((comment) => comment.line)).toEqual([33, 3, 36, 1]);
  });

  it("drops findings below the configured severity entirely", () => {
    const { comments, overflow } = select([finding({ severity: "info" }), finding({ severity: "warning", rule: "x" })], { severity: "warning" });
    expect(comments).toHaveLength(1);
    expect(overflow).toEqual([]);
  });

  it("sends findings outside the diff, in unknown files or without head text to overflow", () => {
    const outside = finding({ startLine: 10, line: 10 });
    const acrossHunks = finding({ startLine: 5, line: 33, rule: "y" });
    const otherFile = finding({ path: "src/other.ts" });
    const unknownFile = finding({ path: "src/unknown.ts" });
    const { comments, overflow } = selectComments({
      findings: [unknownFile, outside, acrossHunks, otherFile],
      files: [manyFile, { ...manyFile, path: "src/other.ts" }],
      headText,
      config,
    });
    expect(comments).toEqual([]);
    expect(overflow).toEqual([outside, acrossHunks, otherFile, unknownFile]);
  });

  it("keeps one comment per path, range and rule, preferring the one with a suggestion", () => {
    const plain = finding();
    const withFix = finding({
      suggestion: { edit: { path: "src/many.ts", startLine: 36, endLine: 36, replacement: "" }, title: "Remove it", origin: "eslint" },
    });
    const otherRule = finding({ rule: "model/bug" });
    const { comments, overflow } = select([plain, withFix, otherRule, plain]);
    expect(comments).toHaveLength(2);
    expect(comments[0]?.body).toContain("```suggestion");
    expect(overflow).toEqual([]);
  });

  it("keeps at most maxComments and sends the rest to overflow in order", () => {
    const findings = [1, 2, 3, 4, 5].map((line) => finding({ startLine: line, line }));
    const { comments, overflow } = select(findings, { maxComments: 2 });
    expect(comments.map((comment) => comment.line)).toEqual([1, 2]);
    expect(overflow.map((item) => item.line)).toEqual([3, 4, 5]);
    expect(select(findings, { maxComments: 0 }).overflow).toHaveLength(5);
  });

  it("passes the repository on, so links into it survive", () => {
    const message = "See https://github.com/acme/widgets/pull/1";
    const { comments } = selectComments({ findings: [finding({ message })], files: [manyFile], headText, config, repo: { owner: "acme", name: "widgets" } });
    expect(comments[0]?.body).toContain(message);
  });
});
