/** Thrown instead of running a review when its repository has had its share of reviews in the last hour; the message says when to re-run. */
export class ReviewRateLimitError extends Error {
  override readonly name = "ReviewRateLimitError";
}
