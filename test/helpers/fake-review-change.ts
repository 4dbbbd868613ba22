import { fingerprint } from "../../src/review/fingerprint.js";
import { renderFingerprintMarker } from "../../src/review/markers.js";
import type { ReviewChange, ReviewChangeParams, ReviewChangeResult } from "../../src/pipeline/review-types.js";
import type { Finding, ReviewComment } from "../../src/types.js";

/** A finding and the inline comment for it, with a real fingerprint marker. */
export function commentFor(params: { readonly path: string; readonly line: number; readonly startLine?: number; readonly code: string; readonly rule: string; readonly text: string }): {
  readonly finding: Finding;
  readonly comment: ReviewComment;
} {
  const fp = fingerprint({ path: params.path, code: params.code, rule: params.rule });
  return {
    finding: { path: params.path, startLine: params.startLine ?? params.line, line: params.line, severity: "error", rule: params.rule, message: params.text },
    comment: {
      path: params.path,
      line: params.line,
      ...(params.startLine === undefined ? {} : { startLine: params.startLine }),
      side: "RIGHT",
      body: `${params.text}\n\n${renderFingerprintMarker(fp)}`,
      fingerprint: fp,
    },
  };
}

export function emptyResult(overrides: Partial<ReviewChangeResult> = {}): ReviewChangeResult {
  return {
    findings: [],
    comments: [],
    overflow: [],
    body: "### patchsmith review\n\nNo findings.",
    notices: [],
    skipped: [],
    stats: {
      filesAnalysed: 0,
      filesSkipped: 0,
      suggestionsProposed: 0,
      suggestionsValidated: 0,
      suggestionsRejected: 0,
      suggestionsRepaired: 0,
      validatedFirstTime: 0,
      timings: {},
    },
    ...overrides,
  };
}

/**
 * An engine stand-in: records what it was given, optionally reads files
 * through the sources (to exercise them), and answers with a fixed result.
 */
export function fakeReviewChange(
  result: ReviewChangeResult | ((params: ReviewChangeParams) => Promise<ReviewChangeResult>),
  options: { readonly readHead?: readonly string[]; readonly readBase?: readonly string[] } = {},
): ReviewChange & { readonly calls: ReviewChangeParams[]; readonly reads: Record<string, unknown> } {
  const calls: ReviewChangeParams[] = [];
  const reads: Record<string, unknown> = {};
  const fn = async (params: ReviewChangeParams): Promise<ReviewChangeResult> => {
    calls.push(params);
    for (const path of options.readHead ?? []) reads[`head:${path}`] = await params.head.readText(path);
    for (const path of options.readBase ?? []) reads[`base:${path}`] = await params.base.readText(path);
    return typeof result === "function" ? result(params) : result;
  };
  return Object.assign(fn, { calls, reads });
}
