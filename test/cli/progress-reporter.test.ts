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
    const progress = createProgressReporter({ stream: out.stream, mode: "terminal", now: () => clock, intervalMs: 1000 });
    progress.onProgress({ stage: "analyze", done: 1, total: 3 });
    clock = 200;
    progress.onProgress({ stage: "analyze", done: 2, total: 3 }); // within the interval: not drawn
    clock = 4500;
    progress.onProgress({ stage: "model", done: 0, total: 3 });
    progress.done();
    expect(out.text()).toBe(
      "\r\u001b[2Kpatchsmith: ESLint and TypeScript 1/3 files · 0.0 s" + "\r\u001b[2Kpatchsmith: the model (fixes, then findings) 0/3 files · 4.5 s" + "\r\u001b[2K",
    );
    expect(out.text()).not.toContain("\n");
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
    progress.onProgress({ stage: "model", done: 0, total: 2 });
    clock = 62_500;
    progress.done();
    expect(out.text().split("\n")).toEqual([
      "patchsmith: loading files…",
      "patchsmith: ESLint and TypeScript… (loading files: 1.0 s)",
      "patchsmith: the model (fixes, then findings)… (ESLint and TypeScript: 60.0 s)",
      "patchsmith: review done in 62.5 s.",
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
