/**
 * Thrown by pullModel when a download cannot go on: `kind` says why, so the
 * message can say what to do (a 404 is not fixed by running it again).
 *  - not-found: the server answered 404 or 410;
 *  - refused: 401 or 403, the file needs a token or access;
 *  - no-answer: the server did not answer within the time limit;
 *  - stalled: no data came for the stall limit in the middle of a download;
 *  - failed: anything else (a server error, the network).
 */
export class ModelPullError extends Error {
  override readonly name = "ModelPullError";
  readonly kind: "not-found" | "refused" | "no-answer" | "stalled" | "failed";
  readonly status: number | undefined;

  constructor(kind: ModelPullError["kind"], message: string, options: { readonly status?: number; readonly cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.status = options.status;
  }
}
