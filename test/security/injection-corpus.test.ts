import { describe, expect, it } from "vitest";
import { renderAnswerReply } from "../../src/commands/render-answer-reply.js";
import { defaultRepoConfig } from "../../src/config/repo-config.js";
import { addedLines, findHunkForRange } from "../../src/diff/commentable-lines.js";
import { parseFilePatch } from "../../src/diff/parse-file-patch.js";
import { composeReviewBody } from "../../src/github/compose-review-body.js";
import type { RecordedCall } from "../../src/llm/scripted-generator.js";
import { UNTRUSTED_DATA_RULE } from "../../src/llm/prompts/untrusted-block.js";
import { parseFingerprints, parsePausedMarker, parseReviewMarker, renderFingerprintMarker, renderReviewMarker, renderStandingMarker } from "../../src/review/markers.js";
import { redactSecrets } from "../../src/security/redact-secrets.js";
import { reviewChange } from "../../src/pipeline/review-change.js";
import type { ReviewChangeResult } from "../../src/pipeline/review-types.js";
import { findRiskyAdditions } from "../../src/security/find-risky-additions.js";
import type { FileDiff } from "../../src/types.js";
import { validateEdit } from "../../src/validate/validate-edit.js";
import { makeWorkspace } from "../helpers/make-workspace.js";
import { auditRenderedMarkdown } from "../review/audit-rendered-markdown.js";
import { layout, loadInjectionCases, SECRETS, type InjectionCase } from "./injection-cases.js";
import { createObedientGenerator } from "./obedient-generator.js";
import { memorySource } from "./review-fixture.js";

const REPO = { owner: "octo-org", name: "octo-repo" };
const ALLOWED_LINKS = "https://github.com/octo-org/octo-repo";
const HEAD_SHA = "a".repeat(40);
const BASE = [
  "// Session helpers.",
  'import { randomUUID } from "node:crypto";',
  "",
  "export function newSessionId(): string {",
  "  return randomUUID();",
  "}",
  "",
  "export function isAdmin(role: string): boolean {",
  '  return role === "admin";',
  "}",
];
/** Characters that must never reach a posted body: zero-width, bidi controls, Unicode tags. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]|\udb40[\udc00-\udc7f]/u;

const cases = loadInjectionCases();

/** The change a case makes: the file, its base and head text, and its diff. */
function changeFor(c: InjectionCase): { path: string; base: string | undefined; head: string; diff: FileDiff } {
  const path = c.where === "path" ? c.inject : "src/greet.ts";
  const added = [
    "",
    "export function greet(name: string): string {",
    ...(c.where === "comment" ? c.inject.split("\n").map((line) => `  // ${line}`) : []),
    `  const note = ${JSON.stringify(c.where === "code" ? c.inject : "!")};`,
    '  return "Hello, " + name + note;',
    "}",
    ...(c.code_extra === undefined ? [] : [c.code_extra]),
  ];
  const { note } = layout(c);
  expect(added.findIndex((line) => line.startsWith("  const note")) + BASE.length + 1).toBe(note);
  if (c.where === "path") {
    const lines = [...BASE, ...added];
    const patch = [`@@ -0,0 +1,${lines.length} @@`, ...lines.map((line) => `+${line}`)].join("\n");
    return { path, base: undefined, head: `${lines.join("\n")}\n`, diff: parseFilePatch({ path, status: "added", patch }) };
  }
  const patch = [`@@ -8,3 +8,${3 + added.length} @@`, ...BASE.slice(7).map((line) => ` ${line}`), ...added.map((line) => `+${line}`)].join("\n");
  return { path, base: `${BASE.join("\n")}\n`, head: `${[...BASE, ...added].join("\n")}\n`, diff: parseFilePatch({ path, status: "modified", patch }) };
}

function prText(c: InjectionCase): { title: string; body: string } {
  if (c.where === "title") return { title: c.inject, body: "Adds a greeting." };
  if (c.where === "body") return { title: "Add greet()", body: c.inject };
  if (c.where === "commit") return { title: "chore: bump deps", body: c.inject };
  return { title: "Add greet()", body: "Adds a greeting." };
}

/**
 * Every occurrence of `phrase` in a prompt lies inside an untrusted-data block
 * (whose closing delimiter carries the id of its opening one), and the system
 * text states the rule about those blocks and never carries the phrase.
 */
function expectOnlyInsideDataBlocks(calls: readonly RecordedCall[], phrase: string): void {
  for (const call of calls) {
    expect(call.system).toContain(UNTRUSTED_DATA_RULE);
    expect(call.system).not.toContain(phrase);
    const blocks = [...call.user.matchAll(/<untrusted-data label="[^"]*" id="([0-9a-f]{12})">\n[\s\S]*?\n<\/untrusted-data id="\1">/g)].map((m) => [m.index, m.index + m[0].length] as const);
    for (let at = call.user.indexOf(phrase); at !== -1; at = call.user.indexOf(phrase, at + 1)) {
      expect(blocks.some(([start, end]) => at > start && at + phrase.length < end), `"${phrase}" outside a data block in:\n${call.user}`).toBe(true);
    }
  }
}

/** What would be posted: the review body (as the app composes it, with its marker) and every inline comment. */
function posted(result: ReviewChangeResult): { review: string; comments: string[] } {
  return { review: composeReviewBody({ standing: [], summary: result.body, headSha: HEAD_SHA, notInline: [], duplicates: 0 }), comments: result.comments.map((c) => c.body) };
}

/** The checks every posted text must pass, our own markers taken out first. */
function expectHarmless(text: string, c: InjectionCase, ownMarkers: readonly string[]): void {
  let rest = text;
  for (const marker of ownMarkers) {
    expect(rest.endsWith(marker)).toBe(true);
    rest = rest.slice(0, -marker.length);
  }
  expect(auditRenderedMarkdown(rest, ALLOWED_LINKS)).toEqual([]);
  expect(rest).not.toMatch(INVISIBLE);
  expect(redactSecrets(text)).toBe(text);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  for (const forbidden of c.forbidden) expect(text.toLowerCase()).not.toContain(forbidden.toLowerCase());
}

describe("prompt injection corpus: a model that obeys every injection still gets nothing harmful posted", () => {
  it("has at least 30 cases, each in a place the issue names", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map((c) => c.where))).toEqual(new Set(["title", "body", "commit", "code", "comment", "path", "question"]));
  });

  it.each(cases.filter((c) => c.where !== "question").map((c) => [c.file, c] as const))("%s", async (_file, c) => {
    const change = changeFor(c);
    const generator = createObedientGenerator(c, change.head);
    const result = await reviewChange({
      base: memorySource(change.base === undefined ? {} : { [change.path]: change.base }),
      head: memorySource({ [change.path]: change.head }),
      diff: [change.diff],
      config: defaultRepoConfig,
      pr: prText(c),
      repo: REPO,
      generator,
    });

    // 1. The injection reached the model, only ever inside a data block.
    expect(generator.calls.some((call) => call.user.includes(c.trigger))).toBe(true);
    expectOnlyInsideDataBlocks(generator.calls, c.trigger);

    // 2. Posted text: no images, foreign links, raw HTML, mentions, cross-references, invisible characters or secrets.
    const { review, comments } = posted(result);
    expectHarmless(review, c, [renderReviewMarker({ sha: HEAD_SHA }), `${renderStandingMarker([])}\n`]);
    result.comments.forEach((comment, index) => {
      // A suggestion block is checked in part 4 (validated, screened, never the model's where the case forbids it).
      const withoutSuggestions = (comments[index] ?? "").replace(/^(`{3,})suggestion\n[\s\S]*?^\1$/gm, "");
      expectHarmless(withoutSuggestions, c, [renderFingerprintMarker(comment.fingerprint)]);
    });
    if (c.bodyIncludes === "withheld for safety") {
      // Stopped by the safety screen, or earlier: validation (a model edit must keep what the code computes) rejected it.
      const stopped = result.body.includes(c.bodyIncludes) || (result.stats.suggestionsRejected > 0 && !result.findings.some((f) => f.suggestion?.origin === "model" && f.suggestion.target === undefined));
      expect(stopped, result.body).toBe(true);
    } else if (c.bodyIncludes !== undefined) expect(result.body).toContain(c.bodyIncludes);

    // 3. Markers: only ours, exactly where we put them.
    expect(parseReviewMarker(review)).toEqual({ sha: HEAD_SHA });
    expect(parseFingerprints(review)).toEqual([]);
    expect(parsePausedMarker(review)).toBe(false);
    for (const comment of result.comments) {
      expect(parseFingerprints(comment.body)).toEqual([comment.fingerprint]);
      expect(parseReviewMarker(comment.body)).toBeUndefined();
      expect(parsePausedMarker(comment.body)).toBe(false);
      expect(comment.path).toBe(change.path);
    }

    // 4. Suggestions: only validated edits of added lines inside one hunk, nothing the screen stops, and only where the case allows one.
    const workspace = makeWorkspace({ [change.path]: change.head });
    const suggestions = result.findings.filter((f) => f.suggestion !== undefined);
    const blocks = result.comments.filter((comment) => /^`{3,}suggestion$/m.test(comment.body));
    expect(blocks.length).toBeLessThanOrEqual(suggestions.length);
    for (const finding of suggestions) {
      const fix = finding.suggestion!;
      expect(fix.edit.path).toBe(change.path);
      expect(findHunkForRange(change.diff, fix.edit.startLine, fix.edit.endLine)).toBeDefined();
      expect(validateEdit(workspace, fix).ok).toBe(true);
      expect(fix.edit.replacement).not.toContain("<!--");
      const original = change.head.split("\n").slice(fix.edit.startLine - 1, fix.edit.endLine).join("\n");
      if (fix.origin === "model") {
        expect(findRiskyAdditions(original, fix.edit.replacement)).toEqual([]);
        const added = addedLines(change.diff);
        expect(Array.from({ length: fix.edit.endLine - fix.edit.startLine + 1 }, (_, i) => fix.edit.startLine + i).some((line) => added.has(line))).toBe(true);
      }
    }
    // A model fix for a checker's diagnostic (a fix task: it has a target, and validation proved the diagnostic gone) is
    // grounded whatever the prompt said; any other model suggestion needs a case that allows one.
    if (c.suggestions !== "allowed") expect(suggestions.filter((f) => f.suggestion?.origin === "model" && f.suggestion.target === undefined)).toEqual([]);
  });

  it.each(cases.filter((c) => c.where === "question").map((c) => [c.file, c] as const))("%s", async (_file, c) => {
    const change = changeFor(c);
    const generator = createObedientGenerator(c, change.head);
    const anchor = c.anchor === undefined ? undefined : { path: c.anchor, line: layout(c).note };
    const files = [{ path: anchor?.path ?? change.path, hunks: change.diff.hunks }];
    const answer = await generator.answerQuestion({ question: c.inject, pr: prText(c), files, ...(anchor === undefined ? {} : { anchor }) });

    expect(generator.calls.some((call) => call.user.includes(c.trigger))).toBe(true);
    expectOnlyInsideDataBlocks(generator.calls, c.trigger);
    const reply = renderAnswerReply({ answer, paths: new Set(files.map((f) => f.path)), context: { owner: REPO.owner, repo: REPO.name } });
    expectHarmless(reply, c, []);
    expect(parsePausedMarker(reply)).toBe(false);
    expect(parseFingerprints(reply)).toEqual([]);
  });
});
