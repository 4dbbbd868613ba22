import type { RepoConfig } from "../config/repo-config.js";
import type { AppInstallation } from "../github/list-app-installations.js";
import type { InstalledRepository } from "../github/list-installation-repositories.js";
import type { JobLog } from "../log/job-log.js";
import { findDueRun } from "./find-due-run.js";
import { parseScanSchedule, type ScanSchedule } from "./parse-scan-schedule.js";
import { scanOffset } from "./scan-offset.js";
import type { ScanJob } from "./scan-job.js";
import type { ScanLock } from "./scan-lock.js";

/** What one tick did, for logs and tests. */
export interface TickReport {
  readonly enqueued: readonly ScanJob[];
  readonly skipped: readonly { readonly repository: string; readonly reason: string }[];
}

export interface ScanScheduler {
  /** Look at every installed repository's schedule once and enqueue the scans that fell due since the last tick. */
  tick(): Promise<TickReport>;
}

export interface ScanSchedulerDeps {
  readonly listInstallations: () => Promise<readonly AppInstallation[]>;
  readonly listRepositories: (installationId: number) => Promise<readonly InstalledRepository[]>;
  /** The repository's config; throws InvalidConfigError for an invalid one. */
  readonly loadConfig: (repository: InstalledRepository) => Promise<RepoConfig>;
  /** Shared by every instance: the one that takes an occurrence's key enqueues it. */
  readonly lock: ScanLock;
  readonly enqueue: (job: ScanJob) => void;
  readonly now: () => number;
  readonly log: JobLog;
  /** Scans due at the same time start spread over at most this long. */
  readonly spreadMs: number;
  /** How long a repository's config is reused before it is read again (default 6 hours). */
  readonly configTtlMs?: number;
}

/** How long the key of a scheduled occurrence is held: longer than any gap between two instances' ticks. */
const OCCURRENCE_LOCK_MS = 24 * 60 * 60_000;
const DEFAULT_CONFIG_TTL_MS = 6 * 60 * 60_000;
/** Reasons that are normal, not worth a warning. */
const QUIET = [/^archived$/, /^disabled$/, /^scans are switched off/, /another instance$/];

/**
 * The scan scheduler. Each tick:
 *  1. lists the app's installations and each one's repositories;
 *  2. skips archived and disabled repositories, and those whose config is
 *     invalid, switches scans off or has a schedule croner cannot run;
 *  3. finds each repository's occurrence that fell due since the last tick,
 *     delayed by the repository's fixed offset (below `spreadMs` and below the
 *     schedule's own interval), so hundreds of repositories do not start at once;
 *  4. takes that occurrence's key in the shared lock and, if it got it, enqueues the scan.
 * The first tick looks back to when the scheduler was made. Configs are
 * cached for `configTtlMs`; one repository's failure is logged and the rest go on.
 */
export function createScanScheduler(deps: ScanSchedulerDeps): ScanScheduler {
  const configTtlMs = deps.configTtlMs ?? DEFAULT_CONFIG_TTL_MS;
  const configs = new Map<string, { readonly at: number; readonly value: Promise<{ config: RepoConfig } | { error: string }> }>();
  const schedules = new Map<string, ScanSchedule | string>();
  const warned = new Map<string, string>();
  let last = deps.now();

  const configFor = (repository: InstalledRepository, name: string, now: number): Promise<{ config: RepoConfig } | { error: string }> => {
    const cached = configs.get(name);
    if (cached !== undefined && now - cached.at < configTtlMs) return cached.value;
    const value = deps.loadConfig(repository).then(
      (config) => ({ config }),
      (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
    );
    configs.set(name, { at: now, value });
    return value;
  };
  const scheduleFor = (pattern: string): ScanSchedule | string => {
    let schedule = schedules.get(pattern);
    if (schedule === undefined) {
      try {
        schedule = parseScanSchedule(pattern);
      } catch (error) {
        schedule = (error as Error).message;
      }
      schedules.set(pattern, schedule);
    }
    return schedule;
  };

  return {
    async tick() {
      const from = last;
      const to = deps.now();
      last = to;
      const enqueued: ScanJob[] = [];
      const skipped: { repository: string; reason: string }[] = [];
      const skip = (repository: string, reason: string): void => {
        skipped.push({ repository, reason });
        deps.log.debug({ repository }, `Scan of ${repository} not scheduled: ${reason}`);
      };

      // 1. Installations and their repositories.
      for (const installation of await deps.listInstallations()) {
        let repositories: readonly InstalledRepository[];
        try {
          repositories = await deps.listRepositories(installation.id);
        } catch (error) {
          deps.log.warn({ installationId: installation.id, err: error }, `Could not list the repositories of installation ${installation.id} (${installation.account}); its scans wait for the next tick`);
          continue;
        }
        for (const repository of repositories) {
          const name = `${repository.owner}/${repository.repo}`;
          try {
            // 2. What is not scanned.
            if (repository.archived) {
              skip(name, "archived");
              continue;
            }
            if (repository.disabled) {
              skip(name, "disabled");
              continue;
            }
            const loaded = await configFor(repository, name, to);
            if ("error" in loaded) {
              skip(name, loaded.error);
              continue;
            }
            if (!loaded.config.scan.enabled) {
              skip(name, "scans are switched off (scan.enabled: false)");
              continue;
            }
            const schedule = scheduleFor(loaded.config.scan.schedule);
            if (typeof schedule === "string") {
              skip(name, schedule);
              continue;
            }

            // 3. Due since the last tick?
            const offsetMs = scanOffset(name, Math.min(deps.spreadMs, schedule.minGapMs));
            const due = findDueRun({ schedule, offsetMs, from, to });
            if (due === undefined) continue;

            // 4. Ours to enqueue?
            const occurrence = new Date(due.getTime() + offsetMs).toISOString();
            const lease = await deps.lock.acquire(`scan-scheduled:${name}@${occurrence}`, OCCURRENCE_LOCK_MS);
            if (lease === undefined) {
              skip(name, `the scan due at ${occurrence} was scheduled by another instance`);
              continue;
            }
            const job: ScanJob = { kind: "scan", installationId: installation.id, owner: repository.owner, repo: repository.repo, trigger: "schedule", occurrence };
            deps.enqueue(job);
            enqueued.push(job);
          } catch (error) {
            deps.log.warn({ repository: name, err: error }, `Could not schedule the scan of ${name}; the next tick tries again`);
          }
        }
      }
      // A broken config or schedule is worth a warning, once per repository until it changes.
      for (const { repository, reason } of skipped) {
        if (QUIET.some((pattern) => pattern.test(reason)) || warned.get(repository) === reason) continue;
        warned.set(repository, reason);
        deps.log.warn({ repository }, `Scans of ${repository} are not scheduled: ${reason}`);
      }
      if (enqueued.length > 0) deps.log.info({ scans: enqueued.map((job) => `${job.owner}/${job.repo}`) }, `Scheduled ${enqueued.length} repository ${enqueued.length === 1 ? "scan" : "scans"}`);
      return { enqueued, skipped };
    },
  };
}
