import { Cron } from "croner";
import { InvalidScheduleError } from "./invalid-schedule-error.js";

/** A repository's scan schedule, checked once: its occurrences in UTC and the shortest gap between two. */
export interface ScanSchedule {
  readonly pattern: string;
  /** The shortest time between two consecutive occurrences (over the first few from a fixed date). */
  readonly minGapMs: number;
  /** The first occurrence strictly after `after`, or undefined when there is none. */
  next(after: Date): Date | undefined;
}

/** Scans are whole-repository work: no schedule may run them more than once an hour. */
export const MIN_SCAN_GAP_MS = 60 * 60_000;
const REFERENCE = new Date("2024-01-01T00:00:00Z");

/**
 * Check a `scan.schedule` cron pattern with croner (5 fields, or 6 with
 * seconds; read in UTC). A pattern croner rejects, one that never fires, or
 * one that fires more than once an hour throws InvalidScheduleError.
 */
export function parseScanSchedule(pattern: string): ScanSchedule {
  let cron: Cron;
  try {
    cron = new Cron(pattern, { timezone: "Etc/UTC", paused: true });
  } catch (error) {
    throw new InvalidScheduleError(
      `scan.schedule "${pattern}" is not a valid cron pattern (${(error as Error).message}). Write five fields in UTC, e.g. "0 3 * * 1" for Mondays at 03:00.`,
      { cause: error },
    );
  }
  const runs = cron.nextRuns(9, REFERENCE);
  if (runs.length < 2) throw new InvalidScheduleError(`scan.schedule "${pattern}" never fires (or only once); write a recurring cron pattern, e.g. "0 3 * * 1".`);
  let minGapMs = Number.POSITIVE_INFINITY;
  for (let i = 1; i < runs.length; i++) minGapMs = Math.min(minGapMs, (runs[i]?.getTime() ?? 0) - (runs[i - 1]?.getTime() ?? 0));
  if (minGapMs < MIN_SCAN_GAP_MS) {
    throw new InvalidScheduleError(`scan.schedule "${pattern}" runs more often than once an hour; scans cover the whole repository, so schedule them hourly at most (e.g. "0 * * * *").`);
  }
  return {
    pattern,
    minGapMs,
    next: (after) => cron.nextRun(after) ?? undefined,
  };
}
