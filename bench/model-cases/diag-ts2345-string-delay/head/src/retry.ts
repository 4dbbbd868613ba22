import type { Settings } from "./settings.js";

export interface Job {
  readonly id: string;
  readonly attempts: number;
}

const pending: { job: Job; at: number }[] = [];

export function scheduleRetry(job: Job, delayMs: number): void {
  pending.push({ job, at: Date.now() + delayMs });
}

export function retryLater(settings: Settings, job: Job): void {
  scheduleRetry({ ...job, attempts: job.attempts + 1 }, settings.retryDelay);
}
