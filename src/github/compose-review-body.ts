import { renderReviewMarker, renderStandingMarker, type StandingFile } from "../review/markers.js";
import type { RejectedComment } from "./check-comment-anchors.js";

/**
 * The posted review body: the engine's summary, what this run adds (comments
 * that could not be placed inline, repeats left out, GitHub's file cap), and
 * the hidden markers recording the head SHA reviewed and the findings standing
 * there (deflated when the plain record is too long; too many to record even
 * so: none, and the next run reviews everything, so the gate never rests on part of them).
 */
export function composeReviewBody(params: {
  readonly summary: string;
  readonly headSha: string;
  readonly standing: readonly StandingFile[];
  readonly notInline: readonly RejectedComment[];
  readonly duplicates: number;
  readonly capped?: { readonly listed: number; readonly changed: number };
}): string {
  const parts = [params.summary.trim()];
  if (params.capped !== undefined) {
    parts.push(
      `> [!WARNING]\n> GitHub lists at most 3,000 files of a pull request and this one changes ${params.capped.changed.toLocaleString("en-US")}; only the first ${params.capped.listed.toLocaleString("en-US")} were reviewed.`,
    );
  }
  if (params.notInline.length > 0) {
    const items = params.notInline.map(
      ({ comment, reason }) =>
        `<details><summary><code>${escapeHtml(comment.path)}</code> line ${comment.startLine ?? comment.line}${comment.startLine === undefined ? "" : `–${comment.line}`} (${reason})</summary>\n\n${comment.body}\n\n</details>`,
    );
    parts.push(`**Comments that could not be placed on the diff**\n\n${items.join("\n")}`);
  }
  if (params.duplicates > 0) {
    parts.push(`_${params.duplicates} ${params.duplicates === 1 ? "comment is" : "comments are"} already on this pull request and ${params.duplicates === 1 ? "was" : "were"} not repeated._`);
  }
  const plain = renderStandingMarker(params.standing);
  const record = plain.length <= MAX_STANDING_MARKER ? plain : renderStandingMarker(params.standing, { compress: true });
  const standing = record.length <= MAX_STANDING_MARKER ? record : undefined;
  const marker = `${standing === undefined ? "" : `${standing}\n`}${renderReviewMarker({ sha: params.headSha })}`;
  const body = parts.filter((part) => part !== "").join("\n\n");
  // GitHub refuses a review body over 65,536 characters; the marker must survive any cut.
  const room = BODY_LIMIT - marker.length - CUT_NOTE.length - 2;
  return `${body.length > room ? body.slice(0, room) + CUT_NOTE : body}\n\n${marker}`;
}

const BODY_LIMIT = 65_536;
/** Room for the standing-findings record: about 300 files with findings plain, thousands deflated. */
const MAX_STANDING_MARKER = 24_000;
const CUT_NOTE = "\n\n… (cut to fit GitHub's limit; the check run has the totals)";

/** A file path is repository data: escape it before it goes inside HTML. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
