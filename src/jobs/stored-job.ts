import { UnrecoverableError } from "bullmq";

/** A job as patchsmith stores it in BullMQ: its queue key (the pull request) beside its data. */
export interface StoredJob<T> {
  readonly key: string;
  readonly data: T;
}

/** Read a stored job's data back; a job not in this shape (written by something else) fails for good, with the reason. */
export function readStoredJob<T>(jobId: string, value: unknown): StoredJob<T> {
  if (typeof value === "object" && value !== null && "key" in value && typeof value.key === "string" && "data" in value) {
    return { key: value.key, data: value.data as T };
  }
  throw new UnrecoverableError(`Job ${jobId} has no queue key in its stored data ({ key, data } expected); it was not added by this version of patchsmith. Remove it from the queue.`);
}
