import { JobNotRecordedError } from "./job-not-recorded-error.js";
import type { JobLog } from "../log/job-log.js";
import { withinMs } from "../time/within-ms.js";

/** Longest wait for a webhook's job to be stored before the delivery is answered 503 (GitHub gives up at 10 s; Probot answers 202 at 9 s). */
export const RECORD_JOB_MS = 5_000;

/**
 * Store a webhook's job (`add`) within `ms`, or throw JobNotRecordedError
 * (answered 503) after forgetting the delivery id, so GitHub's redelivery is
 * handled. The message names the delivery, never what its payload says
 * (owner, repository): Probot logs the error whole.
 */
export async function recordJobWithin<T>(params: {
  readonly kind: "review" | "command";
  readonly deliveryId: string;
  readonly add: () => T | Promise<T>;
  readonly ms?: number;
  readonly forget: (deliveryId: string) => void;
  readonly log: Pick<JobLog, "error">;
}): Promise<T> {
  const ms = params.ms ?? RECORD_JOB_MS;
  const notRecorded = (cause?: unknown): JobNotRecordedError => {
    params.forget(params.deliveryId);
    const why = cause === undefined ? `within ${String(ms)} ms` : `(${cause instanceof Error ? cause.message : "the queue refused it"})`;
    const error = new JobNotRecordedError(`The ${params.kind} job of delivery ${params.deliveryId} could not be stored ${why}; answered 503 so GitHub can deliver it again.`, { cause });
    params.log.error({ deliveryId: params.deliveryId }, error.message);
    return error;
  };
  try {
    return await withinMs(Promise.resolve().then(params.add), ms, () => {
      throw notRecorded();
    });
  } catch (error) {
    throw error instanceof JobNotRecordedError ? error : notRecorded(error);
  }
}
