/** What a log may say of a delivery: which one it was, never its payload. */
export interface DeliverySummary {
  readonly id?: string;
  readonly name?: string;
}

function summarize(event: unknown): DeliverySummary | undefined {
  if (typeof event !== "object" || event === null) return undefined;
  const { id, name } = event as { id?: unknown; name?: unknown };
  return { ...(typeof id === "string" ? { id } : {}), ...(typeof name === "string" ? { name } : {}) };
}

/**
 * @octokit/webhooks attaches the whole delivery (`error.event`, payload
 * included) to an error before Probot's error handler and its middleware log
 * it, so every failed or forged delivery would put a pull request's text
 * (and anything an attacker sends, up to the size limit) into the logs. This
 * gives the error an `event` slot that keeps only the delivery's id and name
 * and is not enumerable, so loggers leave it out; later assignments go
 * through it too. A thrown non-Error becomes an Error with its text.
 */
export function hideDeliveryFromLogs(thrown: unknown): Error {
  const error = thrown instanceof Error ? thrown : new Error(String(thrown));
  let summary = summarize((error as { event?: unknown }).event);
  Object.defineProperty(error, "event", {
    configurable: true,
    enumerable: false,
    get: () => summary,
    set: (event: unknown) => {
      summary = summarize(event);
    },
  });
  return error;
}
