import { describe, expect, it } from "vitest";
import { createWriteLimiter } from "../../src/github/create-write-limiter.js";

describe("createWriteLimiter", () => {
  it("lets 80 writes through in a minute and makes the 81st wait until the oldest is a minute old", async () => {
    let clock = 1_000_000;
    const sleeps: number[] = [];
    const limiter = createWriteLimiter({
      perMinute: 80,
      now: () => clock,
      sleep: (ms) => {
        sleeps.push(ms);
        clock += ms;
        return Promise.resolve();
      },
    });
    for (let i = 0; i < 80; i++) {
      await limiter.acquire();
      clock += 100;
    }
    expect(sleeps).toEqual([]);
    await limiter.acquire();
    // The first write was at 1,000,000; it is now 1,008,000: wait 52 s more.
    expect(sleeps).toEqual([52_000]);
  });

  it("serves waiters in arrival order", async () => {
    let clock = 0;
    const order: number[] = [];
    const limiter = createWriteLimiter({
      perMinute: 1,
      now: () => clock,
      sleep: (ms) => {
        clock += ms;
        return Promise.resolve();
      },
    });
    await Promise.all([1, 2, 3].map(async (n) => limiter.acquire().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
    expect(clock).toBe(120_000);
  });

  it("stops waiting when the signal aborts", async () => {
    const controller = new AbortController();
    const limiter = createWriteLimiter({
      perMinute: 1,
      now: () => 0,
      sleep: () => {
        controller.abort(new Error("stopped"));
        return Promise.resolve();
      },
    });
    await limiter.acquire();
    await expect(limiter.acquire(controller.signal)).rejects.toThrow("stopped");
  });
});
