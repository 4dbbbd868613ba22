import type { ProbotOctokit } from "probot";
import { limitCheckOutput, type CheckOutput } from "./limit-check-output.js";

/** The name of the check run patchsmith keeps per head SHA. */
export const CHECK_RUN_NAME = "patchsmith";

export type CheckConclusion = "success" | "neutral" | "failure";

/** Create the `patchsmith` check run (or the one `name` gives) on a head SHA, queued, in progress or already completed; returns its id. */
export async function createCheckRun(params: {
  readonly octokit: Pick<ProbotOctokit, "rest">;
  /** Default CHECK_RUN_NAME. */
  readonly name?: string;
  readonly owner: string;
  readonly repo: string;
  readonly headSha: string;
  readonly startedAt: Date;
  readonly output: CheckOutput;
  /** Given: the run is created completed with this conclusion (e.g. an invalid config). */
  readonly conclusion?: CheckConclusion;
  /** "queued": the job is accepted, not started (the record a restart re-enqueues). Ignored with `conclusion`. */
  readonly status?: "queued" | "in_progress";
  /** Kept by GitHub with the run (at most a few hundred characters): what a restart needs to rebuild the job. */
  readonly externalId?: string;
  /** Aborts the request (a check run is a courtesy: its caller gives it a time limit). */
  readonly signal?: AbortSignal;
}): Promise<number> {
  const { data } = await params.octokit.rest.checks.create({
    owner: params.owner,
    repo: params.repo,
    name: params.name ?? CHECK_RUN_NAME,
    head_sha: params.headSha,
    started_at: params.startedAt.toISOString(),
    output: limitCheckOutput(params.output),
    ...(params.externalId === undefined ? {} : { external_id: params.externalId }),
    ...(params.conclusion === undefined
      ? params.status === "queued"
        ? { status: "queued" as const }
        : { status: "in_progress" as const }
      : { status: "completed" as const, conclusion: params.conclusion, completed_at: params.startedAt.toISOString() }),
    ...(params.signal === undefined ? {} : { request: { signal: params.signal } }),
  });
  return data.id;
}
