/** The abort reason of jobs still running when the queue is closed (the process is shutting down). */
export class QueueClosedError extends Error {
  override readonly name = "QueueClosedError";
}
