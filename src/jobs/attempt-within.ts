import type { JobLog } from "../log/job-log.js";
import { withinMs } from "../time/within-ms.js";

/**
 * Run a call that is a courtesy, not the work (a check run's status or text):
 * it gets `ms` and a signal that aborts then; a failure or a timeout is logged
 * and answered with undefined, so the caller goes on either way.
 */
export async function attemptWithin<T>(params: { readonly ms: number; readonly log: JobLog; readonly what: string; readonly fields?: Record<string, unknown> }, call: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
  const signal = AbortSignal.timeout(params.ms);
  try {
    return await withinMs(call(signal), params.ms, () => {
      throw new Error(`no answer within ${String(params.ms)} ms`);
    });
  } catch (error) {
    params.log.warn({ ...params.fields, err: error }, `Could not ${params.what}; the review goes on without it`);
    return undefined;
  }
}
