/** Thrown when a repository's `scan.schedule` is not a cron pattern patchsmith can run; the message names the pattern and what to write. */
export class InvalidScheduleError extends Error {
  override readonly name = "InvalidScheduleError";
}
