/**
 * The rejection of a review whose analysis worker stopped under it: it ran out
 * of memory, threw where nothing caught it, exited, or was closed. The review
 * was not finished; the message says whether to re-run it or raise a limit.
 */
export class AnalysisWorkerStoppedError extends Error {
  override readonly name = "AnalysisWorkerStoppedError";
}
