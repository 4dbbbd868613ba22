import { afterEach, describe, expect, it, vi } from "vitest";
import { createCronTicker } from "../../src/scan/create-cron-ticker.js";
import { createTestLog } from "../helpers/create-test-log.js";

describe("createCronTicker", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("ticks on the minute pattern in UTC, never two at once, logs a failed tick, and stops", async () => {
    vi.useFakeTimers({ now: new Date("2024-05-06T02:59:30Z") });
    const log = createTestLog();
    const ticker = createCronTicker({ minutes: 5, log: log.log });
    const times: string[] = [];
    let release: (() => void) | undefined;
    ticker.start(async () => {
      times.push(new Date().toISOString());
      if (times.length === 1) await new Promise<void>((resolve) => (release = resolve));
      if (times.length === 2) throw new Error("GitHub is down");
    });
    await vi.advanceTimersByTimeAsync(31_000);
    expect(times).toEqual(["2024-05-06T03:00:00.000Z"]);
    // While that tick runs, the ones due at 03:05 and 03:10 do not start beside it.
    await vi.advanceTimersByTimeAsync(11 * 60_000);
    expect(times).toHaveLength(1);
    release?.();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(times.length).toBeGreaterThanOrEqual(2);
    expect(times.slice(1).every((time) => time >= "2024-05-06T03:10:30.000Z")).toBe(true);
    expect(log.messages("error")).toEqual(["The scan scheduler's tick failed; the next one tries again"]);
    const count = times.length;
    ticker.stop();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(times).toHaveLength(count);
  });
});
