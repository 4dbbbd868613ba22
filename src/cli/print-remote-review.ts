import type { PullRequestReview } from "../github/review-pull-request.js";
import { formatReview, type OutputFormat } from "./format-review.js";

/**
 * A pull request's review for the terminal: markdown is the body (marker
 * included) and the inline comments exactly as they are posted; text and json
 * are the CLI's usual forms of the same review.
 */
export async function printRemoteReview(reviewed: Extract<PullRequestReview, { kind: "reviewed" }>, format: OutputFormat): Promise<string> {
  const asPosted = { ...reviewed.result, body: reviewed.review.body, comments: reviewed.review.comments };
  const headTexts = new Map<string, string>();
  if (format === "text") {
    for (const file of new Set(reviewed.result.findings.filter((f) => f.suggestion !== undefined).map((f) => f.path))) {
      const read = await reviewed.head.readText(file);
      if (read.kind === "text") headTexts.set(file, read.text);
    }
  }
  return formatReview(asPosted, format, (file) => headTexts.get(file));
}
