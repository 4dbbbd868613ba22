/**
 * Thrown when a repository's archive breaks one of the scan's limits (bytes
 * downloaded, bytes extracted, number of files); the message is the line the
 * report shows: which limit, and the setting that raises it.
 */
export class ScanLimitError extends Error {
  override readonly name = "ScanLimitError";
}
