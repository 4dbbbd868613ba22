import type { ScanSchedule } from "./parse-scan-schedule.js";

/**
 * The occurrence of a schedule that falls due in the window (`from`, `to`]
 * once delayed by `offsetMs`, or undefined. When several do (the process was
 * busy or asleep), only the latest counts: a scan covers the repository as
 * it is now, so running it twice in a row would only repeat itself.
 */
export function findDueRun(params: { readonly schedule: ScanSchedule; readonly offsetMs: number; readonly from: number; readonly to: number }): Date | undefined {
  const { schedule, offsetMs } = params;
  let due: Date | undefined;
  let cursor = schedule.next(new Date(params.from - offsetMs));
  // A schedule fires at most hourly, so a window of weeks holds few occurrences; the cap only guards a bad clock.
  for (let i = 0; cursor !== undefined && cursor.getTime() + offsetMs <= params.to && i < 10_000; i++) {
    due = cursor;
    cursor = schedule.next(cursor);
  }
  return due;
}
