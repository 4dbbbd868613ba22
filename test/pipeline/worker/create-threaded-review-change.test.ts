import { getEventListeners } from "node:events";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoRepository, DEMO_DIR } from "../../../src/cli/demo-command.js";
import { loadLocalChange } from "../../../src/cli/load-local-change.js";
import { defaultRepoConfig } from "../../../src/config/repo-config.js";
import { LlmHttpError } from "../../../src/llm/errors/llm-http-error.js";
import type { GenerateOptions, Generator, ReviewHunksRequest } from "../../../src/llm/generator.js";
import { createScriptedGenerator, type ScriptedAnswer } from "../../../src/llm/scripted-generator.js";
import type { Operation } from "../../../src/llm/transport.js";
import { reviewChange } from "../../../src/pipeline/review-change.js";
import type { ReviewChangeParams, ReviewChangeResult } from "../../../src/pipeline/review-types.js";
import type { ReviewProgress } from "../../../src/review/review-types.js";
import { createThreadedReviewChange, type ThreadedReviewChange } from "../../../src/pipeline/worker/create-threaded-review-change.js";
import { ReviewEngineClosedError } from "../../../src/pipeline/worker/review-engine-closed-error.js";
import type { FileSource, ReadResult } from "../../../src/types.js";
import type { EnvironmentProvider, EnvironmentRequest } from "../../../src/environment/acquire-environment.js";
import type { TestRunner, TestRunReport } from "../../../src/testgen/test-runner.js";
import { loadFixtureChange } from "../../testgen/load-fixture-change.js";
import { mathAnswer, promptFor, STACK_SPEC, stackAnswer } from "../../testgen/vitest-fixture-answers.js";
import type { CompletionRequest } from "../../../src/llm/transport.js";
import { appendedFileDiff } from "./generate-project.js";
import { memorySource, recordCalls, type RecordingSource } from "./memory-source.js";

/** The result without stage timings and model call times, which differ from run to run (the model's calls and tokens stay). */
function withoutTimings(result: ReviewChangeResult): ReviewChangeResult {
  const model = result.stats.model;
  const untimed = <T extends { ms: number; secondsPerCall: number }>(totals: T): T => ({ ...totals, ms: 0, secondsPerCall: 0 });
  return {
    ...result,
    stats: {
      ...result.stats,
      timings: {},
      ...(model ? { model: { ...untimed(model), stages: Object.fromEntries(Object.entries(model.stages).map(([stage, totals]) => [stage, untimed(totals)])) } } : {}),
    },
  };
}

// A fixture with a type error and a fixable lint error in one file, and a second changed file.
const SHAPE_BASE = ["export function area(w: number, h: number): number {", "  return w * h;", "}"];
const SHAPE_ADDED = ["", "export function perimeter(w: number, h: number): number {", "  let sum = w + h;", "  return sum + sum;", "}", 'export const label: number = "wide";'];
const OTHER_BASE = ["export const one = 1;"];
const OTHER_ADDED = ["export const two: number = one + 1;"];

function fixture(): { base: RecordingSource; head: RecordingSource; params: ReviewChangeParams } {
  const base = memorySource({ "src/shape.ts": `${SHAPE_BASE.join("\n")}\n`, "src/other.ts": `${OTHER_BASE.join("\n")}\n` }, "memory:base");
  const head = memorySource({ "src/shape.ts": `${[...SHAPE_BASE, ...SHAPE_ADDED].join("\n")}\n`, "src/other.ts": `${[...OTHER_BASE, ...OTHER_ADDED].join("\n")}\n` }, "memory:head");
  const diff = [appendedFileDiff("src/shape.ts", SHAPE_BASE, SHAPE_ADDED), appendedFileDiff("src/other.ts", OTHER_BASE, OTHER_ADDED)];
  return { base, head, params: { base, head, diff, config: defaultRepoConfig, pr: { title: "Add perimeter", body: "Adds a perimeter." }, repo: { owner: "octo", name: "shapes" } } };
}

const MODEL_ANSWERS: Partial<Record<Operation, readonly ScriptedAnswer[]>> = {
  review: [
    {
      findings: [
        { startLine: 7, line: 7, quote: "return sum + sum;", severity: "warning", category: "maintainability", message: "Say what you mean: twice the sum.", edit: { startLine: 7, endLine: 7, replacement: "  return 2 * sum;" } },
        { startLine: 6, line: 6, quote: "sum = w + h", severity: "warning", category: "bug", message: "Use a helper.", edit: { startLine: 6, endLine: 6, replacement: "  const sum = addAll(w, h);" } },
      ],
    },
    { findings: [] },
  ],
  fix: [
    // The fix task for the TS2322 on `label` (fix tasks run before the review).
    { replacement: 'export const label: string = "wide";' },
    // The first repair of the helper call is valid: the edit is repaired, not dropped.
    { replacement: "  const sum = w + h;", explanation: "No helper is needed." },
  ],
};

describe("createThreadedReviewChange", () => {
  let engine: ThreadedReviewChange;
  let demoDir: string | undefined;
  beforeAll(() => {
    engine = createThreadedReviewChange({ poolSize: 1 });
  });
  afterAll(async () => {
    await engine.close();
    if (demoDir !== undefined) rmSync(demoDir, { recursive: true, force: true });
  });

  it("reviews the demo project exactly as the in-thread engine does, reading every file on the main thread", async () => {
    demoDir = await createDemoRepository(DEMO_DIR);
    const change = await loadLocalChange({ repoDir: demoDir, base: "main", head: "feature", maxBytes: defaultRepoConfig.maxFileBytes });
    const run = async (engineUnderTest: typeof reviewChange) => {
      const head = recordCalls(change.head);
      const base = recordCalls(change.base);
      const progress: ReviewProgress[] = [];
      const result = await engineUnderTest({ head, base, diff: change.diff, config: defaultRepoConfig, onProgress: (p) => progress.push(p) });
      return { result, head: head.calls, base: base.calls, progress };
    };
    const inThread = await run(reviewChange);
    const threaded = await run(engine);

    expect(threaded.result.findings.length).toBeGreaterThan(0);
    expect(threaded.result.comments.some((c) => c.body.includes("```suggestion"))).toBe(true);
    expect(withoutTimings(threaded.result)).toStrictEqual(withoutTimings(inThread.result));
    expect(Object.keys(threaded.result.stats.timings)).toEqual(Object.keys(inThread.result.stats.timings));
    // Every read went through the main thread's FileSources, the same reads in the same order.
    expect(threaded.head.length).toBeGreaterThan(0);
    expect(threaded.head).toEqual(inThread.head);
    expect(threaded.base).toEqual(inThread.base);
    expect(threaded.progress).toEqual(inThread.progress);
    // The result is plain data: it survives structured clone unchanged.
    expect(structuredClone(threaded.result)).toStrictEqual(threaded.result);
  });

  it("asks the main thread for the repository's environment and type-checks against it in the worker", async () => {
    const text = 'import { version } from "pkg";\nexport const n: number = version;\n';
    const files = { "package.json": '{ "dependencies": { "pkg": "1.0.0" } }', "src/a.ts": text };
    const base = memorySource({ "package.json": files["package.json"], "src/a.ts": "// a\n" }, "memory:base");
    const head = memorySource({ ...files, "src/a.ts": `// a\n${text}` }, "memory:head");
    const requests: EnvironmentRequest[] = [];
    const environment: EnvironmentProvider = (request) => {
      requests.push(request);
      const declarations = new Map([["node_modules/pkg/package.json", '{ "name": "pkg", "types": "index.d.ts" }'], ["node_modules/pkg/index.d.ts", "export declare const version: string;\n"]]);
      return Promise.resolve({ files: declarations, packages: [{ name: "pkg", version: "1.0.0" }], missing: [], versionsFrom: "package.json ranges", notices: [], stats: { packages: 1, bytes: 60, ms: 0 } });
    };
    const result = await engine({ base, head, diff: [appendedFileDiff("src/a.ts", ["// a"], text.trimEnd().split("\n"))], config: defaultRepoConfig, environment });
    expect(requests.map((r) => r.wanted)).toContainEqual(["pkg"]);
    expect(result.findings.map((f) => `${f.line} ${f.rule}`)).toContain("3 ts/TS2322");
    expect(result.stats.environment).toEqual({ packages: 1, bytes: 60, ms: 0, missing: 0 });
  });

  it("gives the same findings and suggestions for a type error and a fixable lint error", async () => {
    const inThread = fixture();
    const threaded = fixture();
    const expected = await reviewChange(inThread.params);
    const result = await engine(threaded.params);

    const rules = result.findings.map((f) => `${f.path}:${f.line} ${f.rule}`);
    expect(rules).toContain("src/shape.ts:6 eslint/prefer-const");
    expect(rules).toContain("src/shape.ts:9 ts/TS2322");
    expect(result.findings.find((f) => f.rule === "eslint/prefer-const")?.suggestion?.edit.replacement).toBe("  const sum = w + h;");
    expect(withoutTimings(result)).toStrictEqual(withoutTimings(expected));
    expect(threaded.head.calls).toEqual(inThread.head.calls);
    expect(threaded.base.calls).toEqual(inThread.base.calls);
  });

  it("drives the main thread's generator: a valid model fix becomes a suggestion and an invalid one is repaired, as in-thread", async () => {
    const inThreadGenerator = createScriptedGenerator({ answers: MODEL_ANSWERS });
    const threadedGenerator = createScriptedGenerator({ answers: MODEL_ANSWERS });
    const expected = await reviewChange({ ...fixture().params, generator: inThreadGenerator });
    const result = await engine({ ...fixture().params, generator: threadedGenerator });

    const byRule = Object.fromEntries(result.findings.map((f) => [`${f.rule}@${f.line}`, f]));
    expect(byRule["model/maintainability@7"]?.suggestion?.edit.replacement).toBe("  return 2 * sum;");
    expect(byRule["ts/TS2322@9"]?.suggestion?.edit.replacement).toBe('export const label: string = "wide";');
    expect(result.stats.suggestionsRepaired).toBe(1);
    expect(result.model).toBe("scripted (scripted answers)");
    expect(withoutTimings(result)).toStrictEqual(withoutTimings(expected));
    // The same prompts, in the same order, reached the model on the main thread.
    expect(threadedGenerator.calls.length).toBeGreaterThan(2);
    expect(threadedGenerator.calls).toEqual(inThreadGenerator.calls);
    expect(threadedGenerator.remaining("fix")).toBe(0);
  });

  it("rebuilds the model's errors as their classes: an unreachable server skips the remaining files, as in-thread", async () => {
    const unreachable = (): Generator => ({
      ...createScriptedGenerator({ answers: {} }),
      reviewHunks: () => Promise.reject(new LlmHttpError("The model server at http://127.0.0.1:9 could not be reached (ECONNREFUSED).", undefined)),
    });
    const expected = await reviewChange({ ...fixture().params, generator: unreachable() });
    const result = await engine({ ...fixture().params, generator: unreachable() });

    expect(result.skipped.map((s) => s.reason)).toContain("not reviewed by the model: the model server could not be reached");
    expect(withoutTimings(result)).toStrictEqual(withoutTimings(expected));
  });

  it("runs generated tests with the main thread's runner, in the main thread's head snapshot, as in-thread", async () => {
    const change = await loadFixtureChange("vitest-repo");
    try {
      const run = async (engineUnderTest: typeof reviewChange) => {
        const answer = (request: CompletionRequest): unknown => (promptFor(request) === "math" ? mathAnswer : stackAnswer(STACK_SPEC));
        const generator = createScriptedGenerator({ answers: { review: Array.from({ length: 5 }, () => ({ findings: [] })), tests: [answer, answer] } });
        const asked: { source: FileSource; paths: string[]; signal: boolean }[] = [];
        const testRunner: TestRunner = {
          run: ({ source, tests, signal }): Promise<TestRunReport> => {
            asked.push({ source, paths: tests.map((t) => t.path), signal: signal instanceof AbortSignal });
            return Promise.resolve({ kind: "ran", runs: 3, outcomes: new Map(tests.map((t) => [t.path, { status: "passed", runs: 3, output: "3 passed" }])) });
          },
        };
        const result = await engineUnderTest({ base: change.base, head: change.head, diff: change.diff, config: defaultRepoConfig, repo: { owner: "octo", name: "calc" }, generator, testRunner });
        return { result, asked };
      };
      const inThread = await run(reviewChange);
      const threaded = await run(engine);

      // One run per generated test file (a failing one goes back to the model with its assertion), each in the head snapshot.
      expect(threaded.asked).toHaveLength(2);
      expect(threaded.asked.every((a) => a.source === change.head && a.signal)).toBe(true);
      expect(threaded.asked.map((a) => a.paths)).toEqual(inThread.asked.map((a) => a.paths));
      expect(threaded.result.tests?.execution).toEqual({ kind: "ran", runs: 3 });
      expect(threaded.result.tests?.tests.map((t) => t.run?.status)).toEqual(["passed", "passed"]);
      expect(withoutTimings(threaded.result)).toStrictEqual(withoutTimings(inThread.result));
    } finally {
      change.repo.remove();
    }
  });

  it("rejects with the very error object the main thread's FileSource threw", async () => {
    const failure = Object.assign(new Error("GitHub answered 502 for src/shape.ts"), { status: 502 });
    const { params } = fixture();
    const head: FileSource = { ...params.head, readText: (path) => (path === "src/shape.ts" ? Promise.reject(failure) : params.head.readText(path)) };
    await expect(engine({ ...params, head })).rejects.toBe(failure);
  });

  it("rejects with the caller's own abort reason mid-analysis, and the same worker serves the next review", async () => {
    const controller = new AbortController();
    const reason = new Error("superseded by a newer push");
    const onProgress = (progress: ReviewProgress): void => {
      if (progress.stage === "analyze") controller.abort(reason);
    };
    await expect(engine({ ...fixture().params, signal: controller.signal, onProgress })).rejects.toBe(reason);

    const expected = await reviewChange(fixture().params);
    expect(withoutTimings(await engine(fixture().params))).toStrictEqual(withoutTimings(expected));
  });

  it("cancels the model call on the main thread when the review is aborted during it", async () => {
    const controller = new AbortController();
    const reason = new Error("the queue is closing");
    let callSignal: AbortSignal | undefined;
    let abortedWithTheReview: boolean | undefined;
    const generator: Generator = {
      ...createScriptedGenerator({ answers: {} }),
      reviewHunks: (_request: ReviewHunksRequest, options?: GenerateOptions) => {
        callSignal = options?.signal;
        controller.abort(reason);
        // At once, by the main thread: a worker busy in a long computation could not send its cancel.
        abortedWithTheReview = callSignal?.aborted;
        // Like a real backend: settle when the call's own signal aborts (it may already have).
        return new Promise((_resolve, reject) => {
          const signal = options?.signal;
          if (signal?.aborted === true) reject(signal.reason as Error);
          signal?.addEventListener("abort", () => {
            reject(signal.reason as Error);
          });
        });
      },
    };
    await expect(engine({ ...fixture().params, generator, signal: controller.signal })).rejects.toBe(reason);
    expect(abortedWithTheReview).toBe(true);
    const after = fixture();
    await expect(engine(after.params)).resolves.toMatchObject({ stats: { filesAnalysed: 2 } });
  });

  it("makes no call on the main thread that the worker asked for after the review was cancelled", async () => {
    const controller = new AbortController();
    const reason = new Error("superseded by a newer push");
    const scripted = createScriptedGenerator({ answers: MODEL_ANSWERS });
    const made: string[] = [];
    const generator: Generator = {
      ...scripted,
      countTokens: (text) => {
        made.push("countTokens");
        return scripted.countTokens(text);
      },
      measureReviewPrompt: (request) => {
        made.push("measureReviewPrompt");
        return scripted.measureReviewPrompt(request);
      },
      reviewHunks: (request, options) => {
        made.push("reviewHunks");
        return scripted.reviewHunks(request, options);
      },
    };
    // The worker goes on to ask the model before it hears of the abort; those calls are already on their way.
    const onProgress = (progress: ReviewProgress): void => {
      if (progress.stage === "model") controller.abort(reason);
    };
    await expect(engine({ ...fixture().params, generator, signal: controller.signal, onProgress })).rejects.toBe(reason);
    // The next review has the worker only once the cancelled one ended there.
    await expect(engine(fixture().params)).resolves.toMatchObject({ stats: { filesAnalysed: 2 } });
    expect(made).toEqual([]);
  });

  it("leaves no listener on a long-lived signal, whether the review succeeds or fails", async () => {
    const { signal } = new AbortController();
    await engine({ ...fixture().params, signal });
    const { params } = fixture();
    const head: FileSource = { ...params.head, readText: () => Promise.reject(new Error("GitHub answered 502")) };
    await expect(engine({ ...params, head, signal })).rejects.toThrow("GitHub answered 502");
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });

  it("rejects at once, reading nothing, when the signal is already aborted", async () => {
    const reason = new Error("cancelled before it started");
    const { params, head, base } = fixture();
    await expect(engine({ ...params, signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect([...head.calls, ...base.calls]).toEqual([]);
  });
});

describe("createThreadedReviewChange's pool", () => {
  /** A fixture whose first head read waits until `open` is called. */
  function gated(): { params: ReviewChangeParams; reads: string[]; open: () => void; started: Promise<void> } {
    const { params, head } = fixture();
    let open = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    let started = (): void => undefined;
    const startedPromise = new Promise<void>((resolve) => {
      started = resolve;
    });
    const waiting: FileSource = {
      description: head.description,
      listPaths: () => {
        started();
        return gate.then(() => head.listPaths());
      },
      readText: (path): Promise<ReadResult> => head.readText(path),
    };
    return { params: { ...params, head: waiting }, reads: head.calls, open, started: startedPromise };
  }

  it("runs reviews beyond the pool one after another; one aborted while it waits rejects with its reason and reads nothing", async () => {
    const engine = createThreadedReviewChange({ poolSize: 1 });
    try {
      const first = gated();
      const running = engine(first.params);
      await first.started;
      const waitingController = new AbortController();
      const waitingReview = fixture();
      const reason = new Error("superseded while queued");
      const aborted = engine({ ...waitingReview.params, signal: waitingController.signal });
      const next = fixture();
      const queued = engine(next.params);
      waitingController.abort(reason);
      await expect(aborted).rejects.toBe(reason);
      // The one worker is still held by the first review: the queued one has not started.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(next.head.calls).toEqual([]);
      first.open();
      await expect(running).resolves.toMatchObject({ stats: { filesAnalysed: 2 } });
      await expect(queued).resolves.toMatchObject({ stats: { filesAnalysed: 2 } });
      expect(waitingReview.head.calls).toEqual([]);
    } finally {
      await engine.close();
    }
  });

  it("close() rejects the running and the waiting reviews with a clear error, and refuses new ones", async () => {
    const engine = createThreadedReviewChange({ poolSize: 1 });
    const first = gated();
    const running = engine(first.params);
    await first.started;
    const waiting = engine(fixture().params);
    const outcomes = Promise.allSettled([running, waiting]);
    await engine.close();
    const [ran, waited] = await outcomes;
    expect(ran).toMatchObject({ status: "rejected", reason: expect.any(ReviewEngineClosedError) as unknown });
    expect(ran.status === "rejected" ? (ran.reason as Error).message : "").toMatch(/closed while the review ran.*re-run it/);
    expect(waited.status === "rejected" ? (waited.reason as Error).message : "").toMatch(/did not start; re-run it/);
    await expect(engine(fixture().params)).rejects.toThrow(ReviewEngineClosedError);
    first.open();
  });

  it("close() just after a review took its worker rejects that review instead of leaving it pending", async () => {
    const engine = createThreadedReviewChange({ poolSize: 1 });
    const review = engine(fixture().params);
    const rejected = expect(review).rejects.toThrow(ReviewEngineClosedError);
    await engine.close();
    await rejected;
  });

  it("a progress callback that aborts the review and throws: the review rejects with the abort reason, and the worker is not discarded later under the next review", async () => {
    const graceMs = 200;
    const engine = createThreadedReviewChange({ poolSize: 1, abortGraceMs: graceMs });
    try {
      const controller = new AbortController();
      const reason = new Error("superseded by a newer push");
      const onProgress = (progress: ReviewProgress): void => {
        if (progress.stage !== "analyze") return;
        controller.abort(reason);
        throw new Error("the check run could not be updated");
      };
      await expect(engine({ ...fixture().params, signal: controller.signal, onProgress })).rejects.toBe(reason);
      // The next review holds the worker past the first review's grace period.
      const { params } = fixture();
      const slow: FileSource = {
        ...params.head,
        listPaths: () =>
          new Promise((resolve) => {
            setTimeout(() => {
              resolve(params.head.listPaths());
            }, 4 * graceMs);
          }),
      };
      await expect(engine({ ...params, head: slow })).resolves.toMatchObject({ stats: { filesAnalysed: 2 } });
    } finally {
      await engine.close();
    }
  });

  it("refuses a pool size that is not a whole number of workers", () => {
    expect(() => createThreadedReviewChange({ poolSize: 0 })).toThrow(/poolSize must be a whole number of worker threads, at least 1 \(got 0\)/);
  });
});
