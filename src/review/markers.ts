import { deflateRawSync, inflateRawSync } from "node:zlib";

/**
 * Hidden HTML-comment markers that keep patchsmith's state in GitHub itself:
 * the last reviewed commit in the review body, a fingerprint per inline
 * comment, and a pause flag. Parsing accepts only exactly the form rendered
 * here (lower-case hex), and model text is sanitised of `<!--`, so markers
 * cannot be forged through a pull request.
 */

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const FINGERPRINT = /^[0-9a-f]{16}$/;
const REVIEW_MARKER = /<!-- patchsmith:review sha=([0-9a-f]{40}|[0-9a-f]{64}) -->/g;
const FINGERPRINT_MARKER = /<!-- patchsmith:fp=([0-9a-f]{16}) -->/g;
const PAUSED_MARKER = "<!-- patchsmith:paused -->";
const ANSWER_MARKER = /<!-- patchsmith:answer to=(issue|review)-(\d{1,20}) outcome=(done|failed) -->/g;

/** `<!-- patchsmith:review sha=<sha> -->` for the review body. Throws on a sha that is not 40 (or 64) hex digits. */
export function renderReviewMarker(params: { readonly sha: string }): string {
  const sha = params.sha.toLowerCase();
  if (!SHA.test(sha)) throw new Error(`Cannot mark a review with commit "${params.sha}": pass the full 40-character hex SHA of the head commit.`);
  return `<!-- patchsmith:review sha=${sha} -->`;
}

/** The reviewed commit recorded in a body (the last marker when there are several), or undefined. */
export function parseReviewMarker(body: string): { readonly sha: string } | undefined {
  const matches = [...body.matchAll(REVIEW_MARKER)];
  const sha = matches.at(-1)?.[1];
  return sha === undefined ? undefined : { sha };
}

/** `<!-- patchsmith:fp=<16 hex> -->` for an inline comment. Throws on anything but 16 hex digits. */
export function renderFingerprintMarker(fingerprint: string): string {
  if (!FINGERPRINT.test(fingerprint)) throw new Error(`Cannot render fingerprint "${fingerprint}": expected 16 lower-case hex digits from fingerprint().`);
  return `<!-- patchsmith:fp=${fingerprint} -->`;
}

/** Every well-formed fingerprint marker in a body, in order, without repeats. */
export function parseFingerprints(body: string): string[] {
  return [...new Set([...body.matchAll(FINGERPRINT_MARKER)].map((match) => match[1] ?? ""))];
}

/** `<!-- patchsmith:paused -->`: reviews of this pull request are paused until it is removed. */
export function renderPausedMarker(): string {
  return PAUSED_MARKER;
}

/** Whether a body carries the paused marker. */
export function parsePausedMarker(body: string): boolean {
  return body.includes(PAUSED_MARKER);
}

/** Findings standing at a reviewed head in one file, by severity. */
export interface StandingFile {
  readonly path: string;
  readonly error: number;
  readonly warning: number;
  readonly info: number;
}

/** Only at the very end, right before the review marker, where composeReviewBody puts it: nothing earlier in a body counts. */
const STANDING_MARKER = /<!-- patchsmith:standing v([12]) ([A-Za-z0-9_-]*) -->\r?\n<!-- patchsmith:review sha=(?:[0-9a-f]{40}|[0-9a-f]{64}) -->\s*$/;

/** The most a v2 record may inflate to (a review body holds at most 65,536 characters of it). */
const MAX_INFLATED_BYTES = 16 * 1024 * 1024;

/**
 * `<!-- patchsmith:standing v1 <base64url JSON> -->` for the review body: every
 * finding standing at the reviewed head, per file and severity, so a later run
 * that re-derives only the changed files still knows the rest (the gate's
 * conclusion). Paths are repository data: base64url keeps them inert in HTML.
 * `compress` writes v2, the same JSON deflated (raw DEFLATE) before base64url:
 * paths share their folders, so thousands of files fit where hundreds did.
 */
export function renderStandingMarker(files: readonly StandingFile[], options: { readonly compress?: boolean } = {}): string {
  const json = Buffer.from(JSON.stringify(files.map((f) => [f.path, f.error, f.warning, f.info])), "utf8");
  if (options.compress === true) return `<!-- patchsmith:standing v2 ${deflateRawSync(json, { level: 9 }).toString("base64url")} -->`;
  return `<!-- patchsmith:standing v1 ${json.toString("base64url")} -->`;
}

/**
 * The standing findings recorded in a body (v1, or v2 deflated): the marker
 * directly before the closing review marker. Undefined when there is none
 * there, or it is malformed.
 */
export function parseStandingMarker(body: string): readonly StandingFile[] | undefined {
  const match = STANDING_MARKER.exec(body);
  const encoded = match?.[2];
  if (encoded === undefined) return undefined;
  let rows: unknown;
  try {
    const bytes = Buffer.from(encoded, "base64url");
    rows = JSON.parse((match?.[1] === "2" ? inflateRawSync(bytes, { maxOutputLength: MAX_INFLATED_BYTES }) : bytes).toString("utf8"));
  } catch {
    return undefined;
  }
  if (!Array.isArray(rows)) return undefined;
  const files: StandingFile[] = [];
  for (const row of rows as unknown[]) {
    if (!Array.isArray(row) || row.length !== 4) return undefined;
    const [path, error, warning, info] = row as unknown[];
    if (typeof path !== "string" || ![error, warning, info].every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) return undefined;
    files.push({ path, error: error as number, warning: warning as number, info: info as number });
  }
  return files;
}

/** A command's answer: the comment it answers and whether the command did what was asked. */
export interface AnswerMark {
  readonly to: { readonly kind: "issue" | "review"; readonly id: number };
  readonly outcome: "done" | "failed";
}

/** `<!-- patchsmith:answer to=<kind>-<comment id> outcome=<done|failed> -->` for a command's reply, so a re-run finds it. */
export function renderAnswerMarker(mark: AnswerMark): string {
  if (!Number.isSafeInteger(mark.to.id) || mark.to.id < 0) throw new Error(`Cannot mark an answer to comment ${String(mark.to.id)}: pass the comment's numeric id.`);
  return `<!-- patchsmith:answer to=${mark.to.kind}-${String(mark.to.id)} outcome=${mark.outcome} -->`;
}

/** Every well-formed answer marker in a body, in order. */
export function parseAnswerMarkers(body: string): AnswerMark[] {
  return [...body.matchAll(ANSWER_MARKER)].map((match) => ({ to: { kind: match[1] === "review" ? "review" : "issue", id: Number(match[2]) }, outcome: match[3] === "failed" ? "failed" : "done" }));
}
