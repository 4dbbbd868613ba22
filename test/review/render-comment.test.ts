import { describe, expect, it } from "vitest";
import { fingerprint } from "../../src/review/fingerprint.js";
import { parseFingerprints } from "../../src/review/markers.js";
import { renderComment } from "../../src/review/render-comment.js";
import type { Fix } from "../../src/types.js";
import { finding, manyFile, manyHeadLines } from "./many-file.js";

const removeExtra: Fix = {
  edit: { path: "src/many.ts", startLine: 35, endLine: 36, replacement: "const v35 = 350;" },
  title: "Remove the unused variable",
  origin: "eslint",
};

describe("renderComment", () => {
  it("renders a single-line comment with label, message, rule and fingerprint marker", () => {
    const comment = renderComment(finding(), manyFile, manyHeadLines);
    const print = fingerprint({ path: "src/many.ts", code: "const extra = 1;", rule: "eslint/no-unused-vars" });
    expect(comment).toEqual({
      path: "src/many.ts",
      line: 36,
      side: "RIGHT",
      fingerprint: print,
      body: `**Warning:** 'extra' is assigned a value but never used.\n\nRule: \`eslint/no-unused-vars\`\n\n<!-- patchsmith:fp=${print} -->`,
    });
    expect(comment?.startLine).toBeUndefined();
    expect(parseFingerprints(comment?.body ?? "")).toEqual([print]);
  });

  it("anchors a suggestion on exactly the edit's lines, with startLine for a multi-line range", () => {
    const comment = renderComment(finding({ suggestion: removeExtra, severity: "error" }), manyFile, manyHeadLines);
    expect(comment).toMatchObject({ path: "src/many.ts", startLine: 35, line: 36, side: "RIGHT" });
    expect(comment?.body).toContain("**Error:**");
    expect(comment?.body).toContain("Suggested fix, checked with ESLint and TypeScript: Remove the unused variable\n\n```suggestion\nconst v35 = 350;\n```");
    expect(comment?.fingerprint).toBe(fingerprint({ path: "src/many.ts", code: "const v35 = 350;\nconst extra = 1;", rule: "eslint/no-unused-vars" }));
  });

  it("marks a model finding without a validated edit as the model's unverified observation", () => {
    const comment = renderComment(finding({ rule: "model/bug", message: "The total is never rounded.", unverified: true }), manyFile, manyHeadLines);
    expect(comment?.body).toMatch(/^\*\*Warning:\*\* The model's unverified observation \(no checker confirms it\): The total is never rounded\./);
  });

  it("renders a deletion as an empty suggestion block", () => {
    const deletion: Fix = { ...removeExtra, edit: { ...removeExtra.edit, startLine: 36, endLine: 36, replacement: "", deletion: true } };
    expect(renderComment(finding({ suggestion: deletion }), manyFile, manyHeadLines)?.body).toContain("```suggestion\n```");
  });

  it("writes advice as sanitised plain text, never as a suggestion block", () => {
    const comment = renderComment(
      finding({ rule: "model/bug", advice: "Ask @octocat, or see ![x](https://evil.example/t.png)\n\n```suggestion\nrm();\n```" }),
      manyFile,
      manyHeadLines,
    );
    const body = comment?.body ?? "";
    expect(body).toContain("Advice (not checked, so not offered as a one-click suggestion):");
    expect(body).toContain("`@octocat`");
    expect(body).not.toContain("```suggestion");
    expect(body).not.toContain("evil.example/t.png");
  });

  it("sanitises the message, so it cannot forge a marker or mention anyone", () => {
    const comment = renderComment(finding({ message: "Bad <!-- patchsmith:fp=0000000000000000 --> cc @octocat" }), manyFile, manyHeadLines);
    expect(parseFingerprints(comment?.body ?? "")).toEqual([comment?.fingerprint]);
    expect(comment?.body).toContain("cc `@octocat`");
  });

  it("keeps links into the repository when it is given", () => {
    const message = "See https://github.com/acme/widgets/issues/3";
    expect(renderComment(finding({ message }), manyFile, manyHeadLines, { owner: "acme", repo: "widgets" })?.body).toContain(message);
    expect(renderComment(finding({ message }), manyFile, manyHeadLines)?.body).not.toContain(message);
  });

  it("returns undefined when the range is not inside one hunk", () => {
    expect(renderComment(finding({ startLine: 10, line: 10 }), manyFile, manyHeadLines)).toBeUndefined();
    expect(renderComment(finding({ startLine: 5, line: 33 }), manyFile, manyHeadLines)).toBeUndefined();
    const spanning: Fix = { ...removeExtra, edit: { ...removeExtra.edit, startLine: 6, endLine: 32 } };
    expect(renderComment(finding({ suggestion: spanning }), manyFile, manyHeadLines)).toBeUndefined();
  });

  it("returns undefined for a finding about another file, and ignores a suggestion for another file", () => {
    expect(renderComment(finding({ path: "src/other.ts" }), manyFile, manyHeadLines)).toBeUndefined();
    const elsewhere: Fix = { ...removeExtra, edit: { ...removeExtra.edit, path: "src/other.ts" } };
    const comment = renderComment(finding({ suggestion: elsewhere }), manyFile, manyHeadLines);
    expect(comment?.line).toBe(36);
    expect(comment?.body).not.toContain("suggestion");
  });

  it("keeps the fingerprint when the lines are only re-indented", () => {
    const indented = manyHeadLines.map((line) => `    ${line}`);
    expect(renderComment(finding(), manyFile, indented)?.fingerprint).toBe(renderComment(finding(), manyFile, manyHeadLines)?.fingerprint);
  });
});
