import { describe, expect, it } from "vitest";
import { createMemoryScanLock } from "../../src/scan/create-memory-scan-lock.js";

describe("createMemoryScanLock", () => {
  it("gives a key to one holder until it is released or lapses", async () => {
    let now = 1_000;
    const lock = createMemoryScanLock({ now: () => now });
    const first = await lock.acquire("scan:o/r", 60_000);
    expect(first).toBeDefined();
    expect(await lock.acquire("scan:o/r", 60_000)).toBeUndefined();
    expect(await lock.acquire("scan:o/other", 60_000)).toBeDefined();
    await first?.release();
    const second = await lock.acquire("scan:o/r", 60_000);
    expect(second).toBeDefined();
    now += 60_000;
    const third = await lock.acquire("scan:o/r", 60_000);
    expect(third).toBeDefined();
    // A lapsed lease releasing late does not free the key its successor holds.
    await second?.release();
    expect(await lock.acquire("scan:o/r", 60_000)).toBeUndefined();
  });
});
