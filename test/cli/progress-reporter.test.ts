import { describe, expect, it } from "vitest";
import { createProgressReporter, progressMode } from "../../src/cli/progress-reporter.js";

function recorder() {
  let text = "";
  return { stream: { write: (t: string) => (text += t) }, text: () => text };
}

describe("createProgressReporter", () => {
  it("on a terminal, redraws one line (step, files, elapsed) at most every interval within a step, and clears it at the end", () => {
    const out = recorder();
    let clock = 0;
    const progress = createProgressReporter({ stream: out.stream, mode: "terminal", now: () => clock, intervalMs: 1000, repeat: () => () => undefined });
    progress.onProgress({ stage: "analyze", done: 1, total: 3 });
    clock = 200;
    progress.onProgress({ stage: "analyze", done: 2, total: 3 }); // within the interval: not drawn
    clock = 4500;
    progress.onProgress({ stage: "model", done: 0, total: 3 });
    progress.done();
    expect(out.text()).toBe(
      "\r\u001b[2Kpatchsmith: ESLint and TypeScript, 1/3 files · 0.0 s" + "\r\u001b[2Kpatchsmith: the model: findings, 0/3 files · 4.5 s" + "\r\u001b[2K",
    );
    expect(out.text()).not.toContain("\n");
  });

  it("on a terminal, shows the model's task or file i of n, the file and tokens per second, and keeps the time moving during a long call", () => {
    const out = recorder();
    let clock = 0;
    let tick: (() => void) | undefined;
    let stopped = false;
    const repeat = (ms: number, fn: () => void): (() => void) => {
      expect(ms).toBe(1000);
      tick = fn;
      return () => {
        stopped = true;
      };
    };
    const progress = createProgressReporter({ stream: out.stream, mode: "terminal", now: () => clock, intervalMs: 1000, repeat });
    progress.onProgress({ stage: "fixes", unit: "tasks", done: 1, total: 3, path: "src/cart.ts" });
    clock = 12_000;
    progress.onProgress({ stage: "fixes", unit: "tasks", done: 1, total: 3, path: "src/cart.ts", tokensPerSecond: 71 });
    clock = 14_000;
    tick?.();
    progress.onProgress({ stage: "model", done: 0, total: 2, path: "src/\u001b[31mred.ts" });
    progress.done();
    const lines = out.text().split("\r\u001b[2K").filter((line) => line !== "");
    expect(lines).toEqual([
      "patchsmith: the model: fixes, task 2/3, src/cart.ts · 0.0 s",
      "patchsmith: the model: fixes, task 2/3, src/cart.ts, 71 tok/s · 12.0 s",
      "patchsmith: the model: fixes, task 2/3, src/cart.ts, 71 tok/s · 14.0 s",
      "patchsmith: the model: findings, file 1/2, src/?[31mred.ts · 14.0 s",
    ]);
    expect(stopped).toBe(true);
  });

  it("in a CI log, writes one plain line per step with the time the previous step took, and the total", () => {
    const out = recorder();
    let clock = 0;
    const progress = createProgressReporter({ stream: out.stream, mode: "log", now: () => clock });
    progress.onProgress({ stage: "load", done: 0, total: 2 });
    clock = 1000;
    progress.onProgress({ stage: "analyze", done: 1, total: 2 });
    progress.onProgress({ stage: "analyze", done: 2, total: 2 });
    clock = 61_000;
    progress.onProgress({ stage: "fixes", unit: "tasks", done: 0, total: 2, path: "src/a.ts" });
    clock = 70_000;
    progress.onProgress({ stage: "fixes", unit: "tasks", done: 0, total: 2, path: "src/a.ts", tokensPerSecond: 50 });
    progress.onProgress({ stage: "fixes", unit: "tasks", done: 1, total: 2, path: "src/b.ts" });
    clock = 80_000;
    progress.onProgress({ stage: "model", done: 0, total: 2 });
    clock = 81_500;
    progress.done();
    expect(out.text().split("\n")).toEqual([
      "patchsmith: loading files…",
      "patchsmith: ESLint and TypeScript… (loading files: 1.0 s)",
      "patchsmith: the model: fixes, task 1/2, src/a.ts… (ESLint and TypeScript: 60.0 s)",
      "patchsmith: the model: fixes, task 2/2, src/b.ts… (the model: fixes, task 1/2, src/a.ts: 9.0 s)",
      "patchsmith: the model: findings… (the model: fixes, task 2/2, src/b.ts: 10.0 s)",
      "patchsmith: review done in 81.5 s.",
      "",
    ]);
  });

  it("chooses the terminal line on a TTY, plain lines in CI, and nothing otherwise or with --quiet", () => {
    expect(progressMode({ stream: { write: () => 0, isTTY: true }, env: {}, quiet: false })).toBe("terminal");
    expect(progressMode({ stream: { write: () => 0 }, env: { GITHUB_ACTIONS: "true" }, quiet: false })).toBe("log");
    expect(progressMode({ stream: { write: () => 0 }, env: {}, quiet: false })).toBe("off");
    expect(progressMode({ stream: { write: () => 0, isTTY: true }, env: { CI: "true" }, quiet: true })).toBe("off");
    const out = recorder();
    const off = createProgressReporter({ stream: out.stream, mode: "off", now: () => 0 });
    off.onProgress({ stage: "load", done: 0, total: 1 });
    off.done();
    expect(out.text()).toBe("");
  });
});
