import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { ModelUsage } from "../llm/model-usage.js";

/** Job counts at scrape time: this process's queue, or Redis's for a shared one. */
export type JobCounts = () => Promise<{ readonly waiting: number; readonly active: number }> | { readonly waiting: number; readonly active: number };

/** What the app reports; each call updates the Prometheus registry served at /metrics. */
export interface AppMetrics {
  readonly registry: Registry;
  webhookReceived(event: string): void;
  jobDone(kind: string, outcome: string): void;
  reviewed(report: { readonly timingsMs: Readonly<Record<string, number>>; readonly proposed: number; readonly validated: number; readonly posted: number }): void;
  /** One generation of the model: tokens in and out, and the answer's tokens per second. */
  modelUsage(usage: ModelUsage): void;
}

/**
 * The app's Prometheus metrics (prom-client), in a registry of their own:
 * webhooks received, jobs queued / running by kind (read at scrape time) / done by
 * outcome / failed, review duration by stage, suggestions proposed / validated
 * / posted, and Node's default process metrics.
 */
export function createMetrics(params: {
  /** Each queue's counts, by job kind (review, command, scan): the gauges' `kind` label. */
  readonly counts: Readonly<Record<string, JobCounts>>;
  readonly defaults?: boolean;
}): AppMetrics {
  const registry = new Registry();
  if (params.defaults !== false) collectDefaultMetrics({ register: registry, prefix: "patchsmith_" });
  const webhooks = new Counter({ name: "patchsmith_webhooks_received_total", help: "Webhook deliveries received, by event.", labelNames: ["event"], registers: [registry] });
  type Counted = [string, { readonly waiting: number; readonly active: number }];
  // A queue whose counts cannot be read (Redis down) is left out of this scrape rather than failing it.
  const readCounts = async (): Promise<Counted[]> => {
    const read = await Promise.allSettled(Object.entries(params.counts).map(async ([kind, counts]): Promise<Counted> => [kind, await counts()]));
    return read.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  };
  // Queued and running jobs by kind: two gauges, each read from the queues at scrape time.
  const countGauge = (name: string, help: string, count: "waiting" | "active"): void => {
    new Gauge({
      name,
      help,
      labelNames: ["kind"],
      registers: [registry],
      async collect() {
        const counted = await readCounts();
        this.reset();
        for (const [kind, counts] of counted) this.set({ kind }, counts[count]);
      },
    });
  };
  countGauge("patchsmith_jobs_queued", "Jobs waiting to run, by kind.", "waiting");
  countGauge("patchsmith_jobs_running", "Jobs running, by kind.", "active");
  const jobs = new Counter({ name: "patchsmith_jobs_done_total", help: "Jobs finished, by kind and outcome.", labelNames: ["kind", "outcome"], registers: [registry] });
  const failed = new Counter({ name: "patchsmith_jobs_failed_total", help: "Jobs that failed, by kind.", labelNames: ["kind"], registers: [registry] });
  const duration = new Histogram({
    name: "patchsmith_review_duration_seconds",
    help: "Time a review spent per stage (github, analyze, model, validate, publish, ...).",
    labelNames: ["stage"],
    buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600],
    registers: [registry],
  });
  const suggestions = new Counter({ name: "patchsmith_suggestions_total", help: "Suggestions, by state: proposed by the model, validated, posted.", labelNames: ["state"], registers: [registry] });
  const modelTokens = new Counter({ name: "patchsmith_model_tokens_total", help: "Tokens the model read (prompt) and wrote (completion), by operation.", labelNames: ["kind", "operation"], registers: [registry] });
  const tokensPerSecond = new Histogram({
    name: "patchsmith_model_tokens_per_second",
    help: "Answer tokens per second of each generation (prompt processing included in the time), by operation.",
    labelNames: ["operation"],
    buckets: [1, 2, 5, 10, 20, 40, 80, 160, 320, 640, 1280],
    registers: [registry],
  });
  return {
    registry,
    modelUsage(usage) {
      modelTokens.inc({ kind: "prompt", operation: usage.operation }, usage.promptTokens);
      modelTokens.inc({ kind: "completion", operation: usage.operation }, usage.completionTokens);
      if (usage.ms > 0) tokensPerSecond.observe({ operation: usage.operation }, usage.completionTokens / (usage.ms / 1000));
    },
    webhookReceived(event) {
      webhooks.inc({ event });
    },
    jobDone(kind, outcome) {
      jobs.inc({ kind, outcome });
      if (outcome === "failed") failed.inc({ kind });
    },
    reviewed(report) {
      for (const [stage, ms] of Object.entries(report.timingsMs)) duration.observe({ stage }, ms / 1000);
      suggestions.inc({ state: "proposed" }, report.proposed);
      suggestions.inc({ state: "validated" }, report.validated);
      suggestions.inc({ state: "posted" }, report.posted);
    },
  };
}
