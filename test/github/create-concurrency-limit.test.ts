import { describe, expect, it } from "vitest";
import { createConcurrencyLimit } from "../../src/github/create-concurrency-limit.js";

describe("createConcurrencyLimit", () => {
  it("never runs more than the limit at once and runs every task", async () => {
    const limit = createConcurrencyLimit(3);
    let running = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        limit(async () => {
          running++;
          most = Math.max(most, running);
          await new Promise((resolve) => setImmediate(resolve));
          running--;
          return i;
        }),
      ),
    );
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(most).toBe(3);
  });

  it("frees the slot when a task fails", async () => {
    const limit = createConcurrencyLimit(1);
    await expect(limit(() => Promise.reject(new Error("x")))).rejects.toThrow("x");
    expect(await limit(() => Promise.resolve(1))).toBe(1);
  });
});
