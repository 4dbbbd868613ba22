import { describe, expect, it } from "vitest";
import { findDueRun } from "../../src/scan/find-due-run.js";
import { InvalidScheduleError } from "../../src/scan/invalid-schedule-error.js";
import { parseScanSchedule } from "../../src/scan/parse-scan-schedule.js";
import { scanOffset } from "../../src/scan/scan-offset.js";

const at = (iso: string): number => Date.parse(iso);

describe("parseScanSchedule", () => {
  it("reads a cron pattern in UTC and knows its shortest interval", () => {
    const weekly = parseScanSchedule("0 3 * * 1");
    expect(weekly.minGapMs).toBe(7 * 24 * 60 * 60_000);
    expect(weekly.next(new Date("2024-05-06T03:00:00Z"))?.toISOString()).toBe("2024-05-13T03:00:00.000Z");
    expect(parseScanSchedule("0 3 * * 1,3").minGapMs).toBe(2 * 24 * 60 * 60_000);
  });

  it("names the pattern and what to write when croner cannot run it", () => {
    expect(() => parseScanSchedule("every monday")).toThrow(InvalidScheduleError);
    expect(() => parseScanSchedule("every monday")).toThrow(/scan\.schedule "every monday" is not a valid cron pattern .*"0 3 \* \* 1"/);
    expect(() => parseScanSchedule("0 0 30 2 *")).toThrow(/never fires/);
  });

  it("refuses a schedule that runs more than once an hour", () => {
    expect(() => parseScanSchedule("*/5 * * * *")).toThrow(/more often than once an hour/);
    expect(parseScanSchedule("0 * * * *").minGapMs).toBe(60 * 60_000);
  });
});

describe("scanOffset", () => {
  it("is the same for the same repository, whole minutes below the spread, and differs between repositories", () => {
    const spread = 180 * 60_000;
    const offsets = Array.from({ length: 200 }, (_, i) => scanOffset(`org/repo-${i}`, spread));
    expect(scanOffset("org/repo-1", spread)).toBe(offsets[1]);
    expect(scanOffset("ORG/Repo-1", spread)).toBe(offsets[1]);
    for (const offset of offsets) {
      expect(offset % 60_000).toBe(0);
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThan(spread);
    }
    // Spread out: 200 repositories over 180 minutes use most of them.
    expect(new Set(offsets).size).toBeGreaterThan(100);
    expect(scanOffset("org/repo-1", 0)).toBe(0);
  });
});

describe("findDueRun", () => {
  const weekly = parseScanSchedule("0 3 * * 1");

  it("finds the occurrence that falls due in the window once delayed by the offset", () => {
    const offsetMs = 17 * 60_000;
    expect(findDueRun({ schedule: weekly, offsetMs, from: at("2024-05-06T03:10:00Z"), to: at("2024-05-06T03:15:00Z") })).toBeUndefined();
    expect(findDueRun({ schedule: weekly, offsetMs, from: at("2024-05-06T03:15:00Z"), to: at("2024-05-06T03:20:00Z") })?.toISOString()).toBe("2024-05-06T03:00:00.000Z");
    expect(findDueRun({ schedule: weekly, offsetMs, from: at("2024-05-06T03:17:00Z"), to: at("2024-05-06T03:22:00Z") })).toBeUndefined();
  });

  it("includes the end of the window and excludes its start", () => {
    expect(findDueRun({ schedule: weekly, offsetMs: 0, from: at("2024-05-06T02:55:00Z"), to: at("2024-05-06T03:00:00Z") })).toBeDefined();
    expect(findDueRun({ schedule: weekly, offsetMs: 0, from: at("2024-05-06T03:00:00Z"), to: at("2024-05-06T03:05:00Z") })).toBeUndefined();
  });

  it("takes only the latest of several occurrences in a long window", () => {
    const due = findDueRun({ schedule: weekly, offsetMs: 0, from: at("2024-04-01T00:00:00Z"), to: at("2024-05-07T00:00:00Z") });
    expect(due?.toISOString()).toBe("2024-05-06T03:00:00.000Z");
  });
});
