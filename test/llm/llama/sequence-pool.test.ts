import type { LlamaContextSequence } from "node-llama-cpp";
import { describe, expect, it } from "vitest";
import { createSequencePool } from "../../../src/llm/llama/sequence-pool.js";

const fake = (name: string) => ({ name }) as unknown as LlamaContextSequence;

describe("createSequencePool", () => {
  it("lends each sequence to one request at a time, first come first served", async () => {
    const [a, b] = [fake("a"), fake("b")];
    const pool = createSequencePool([a, b]);
    const signal = new AbortController().signal;
    const first = await pool.acquire(signal);
    const second = await pool.acquire(signal);
    expect(new Set([first, second])).toEqual(new Set([a, b]));
    const order: string[] = [];
    const third = pool.acquire(signal).then(() => order.push("third"));
    const fourth = pool.acquire(signal).then(() => order.push("fourth"));
    pool.release(first);
    pool.release(second);
    await Promise.all([third, fourth]);
    expect(order).toEqual(["third", "fourth"]);
  });

  it("stops waiting when the request is cancelled", async () => {
    const pool = createSequencePool([fake("a")]);
    const held = await pool.acquire(new AbortController().signal);
    const controller = new AbortController();
    const waiting = pool.acquire(controller.signal);
    controller.abort(new Error("gave up"));
    await expect(waiting).rejects.toThrow("gave up");
    pool.release(held);
    expect(await pool.acquire(new AbortController().signal)).toBe(held);
  });
});
