/** The rejection of a review asked of (or waiting for) a threaded engine that was closed: the process is shutting down. */
export class ReviewEngineClosedError extends Error {
  override readonly name = "ReviewEngineClosedError";
}
