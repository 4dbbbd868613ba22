import type { JobLog } from "../log/job-log.js";

/** What emits connection errors: an ioredis connection, a BullMQ Queue. */
export interface ErrorEmitter {
  on(event: "error", listener: (error: Error) => void): unknown;
}

/** While Redis stays down, the same error is logged again after this long. */
const REPEAT_MS = 60_000;

/**
 * Calls `report` with `emitter`'s errors, except one whose message `report`
 * was given less than a minute ago: while Redis is down a connection fails
 * the same way on every reconnect (several times a second).
 */
export function reportErrorsOncePerMinute(emitter: ErrorEmitter, report: (error: Error) => void, now: () => number = Date.now): void {
  let last = { message: "", at: Number.NEGATIVE_INFINITY };
  emitter.on("error", (error: Error) => {
    const at = now();
    if (error.message === last.message && at - last.at < REPEAT_MS) return;
    last = { message: error.message, at };
    report(error);
  });
}

/**
 * Log a Redis connection's errors through the app's log instead of leaving
 * them unhandled (ioredis and BullMQ print "Unhandled error event" to the
 * console for an `error` nobody listens to). While Redis is down a connection
 * fails the same way on every reconnect, so a message is logged when it
 * changes, and once a minute while it does not. `what` names the part that
 * waits meanwhile.
 */
export function logRedisErrors(emitter: ErrorEmitter, log: JobLog, what: string, now: () => number = Date.now): void {
  reportErrorsOncePerMinute(
    emitter,
    (error) => {
      log.warn({ err: error }, `${what} cannot reach Redis (${error.message}); it carries on once Redis answers`);
    },
    now,
  );
}
