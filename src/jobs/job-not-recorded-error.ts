/**
 * Thrown by a webhook handler when its job could not be stored (Redis down,
 * the journal not writable) within RECORD_JOB_MS: the delivery is answered
 * 503, so it is not acknowledged and GitHub's redelivery can bring it back.
 */
export class JobNotRecordedError extends Error {
  override readonly name = "JobNotRecordedError";
  /** The webhook middleware answers with this status. */
  readonly status = 503;
}
