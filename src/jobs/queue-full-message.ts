/** The log line (and reason) when a job is refused because the waiting queue is at its bound. */
export function queueFullMessage(params: { readonly jobId: string; readonly waiting: number; readonly bound: number }): string {
  return `Queue full: ${String(params.waiting)} jobs are waiting (bound ${String(params.bound)}, PATCHSMITH_QUEUE_MAX_WAITING); job ${params.jobId} was refused. Add workers or raise the bound.`;
}
