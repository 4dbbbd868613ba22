import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Job counts at scrape time: this process's queue, or Redis's for a shared one. */
export type JobCounts = () => Promise<{ readonly waiting: number; readonly active: number }> | { readonly waiting: number; readonly active: number };

/** What the app reports; each call updates the Prometheus registry served at /metrics. */
export interface AppMetrics {
  readonly registry: Registry;
  webhookReceived(event: string): void;
  jobDone(kind: string, outcome: string): void;
  reviewed(report: { readonly timingsMs: Readonly<Record<string, number>>; readonly proposed: number; readonly validated: number; readonly posted: number }): void;
}

/**
 * The app's Prometheus metrics (prom-client), in a registry of their own:
 * webhooks received, jobs queued / running (read at scrape time) / done by
 * outcome / failed, review duration by stage, suggestions proposed / validated
 * / posted, and Node's default process metrics.
 */
export function createMetrics(params: { readonly counts: JobCounts; readonly defaults?: boolean }): AppMetrics {
  const registry = new Registry();
  if (params.defaults !== false) collectDefaultMetrics({ register: registry, prefix: "patchsmith_" });
  const webhooks = new Counter({ name: "patchsmith_webhooks_received_total", help: "Webhook deliveries received, by event.", labelNames: ["event"], registers: [registry] });
  new Gauge({
    name: "patchsmith_jobs_queued",
    help: "Jobs waiting to run.",
    registers: [registry],
    async collect() {
      this.set((await params.counts()).waiting);
    },
  });
  new Gauge({
    name: "patchsmith_jobs_running",
    help: "Jobs running.",
    registers: [registry],
    async collect() {
      this.set((await params.counts()).active);
    },
  });
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
  return {
    registry,
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
