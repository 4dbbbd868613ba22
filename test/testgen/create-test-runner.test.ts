import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultRepoConfig } from "../../src/config/repo-config.js";
import { createScriptedGenerator } from "../../src/llm/scripted-generator.js";
import type { CompletionRequest } from "../../src/llm/transport.js";
import { createTestRunner } from "../../src/testgen/create-test-runner.js";
import type { ExecCommand } from "../../src/testgen/exec-command.js";
import { reviewMissingTests } from "../../src/testgen/review-missing-tests.js";
import type { TestConventions } from "../../src/testgen/test-conventions.js";
import { loadFixtureChange } from "./load-fixture-change.js";
import { memorySource } from "./memory-source.js";

const QUEUE_TEST = `import assert from "node:assert/strict";
import { test } from "node:test";
import { Queue } from "./queue.js";

test("dequeues in the order items were enqueued", () => {
  const queue = new Queue();
  queue.enqueue("a");
  queue.enqueue("b");
  assert.equal(queue.dequeue(), "a");
  assert.equal(queue.length, 1);
});
`;

/** Type-checks and lints, but is wrong about clamp: it fails when run. */
const UTIL_TEST_THAT_FAILS = `import assert from "node:assert/strict";
import { test } from "node:test";
import { clamp, helper } from "./util.js";

test("clamps to the upper bound", () => {
  assert.equal(clamp(15, 0, 10), 15);
  assert.equal(helper(), 0);
});
`;

const SLUG_TEST = `import assert from "node:assert/strict";
import { test } from "node:test";
import { slugify, truncate } from "./slug.js";

test("slugify lowercases and joins words with dashes", () => {
  assert.equal(slugify("Hello World"), "hello-world");
});

test("truncate keeps short text and cuts long text with an ellipsis", () => {
  assert.equal(truncate("abc", 5), "abc");
  assert.equal(truncate("abcdef", 4), "abc…");
  assert.throws(() => truncate("abc", 0), RangeError);
});
`;

/** One right case and one wrong one: the run's failure points into the second. */
const UTIL_TEST_HALF_RIGHT = `import assert from "node:assert/strict";
import { test } from "node:test";
import { clamp, helper } from "./util.js";

test("helper gives zero", () => {
  assert.equal(helper(), 0);
});

test("clamps to the upper bound", () => {
  assert.equal(clamp(15, 0, 10), 15);
});
`;

/** The same test with the expected value the code gives. */
const UTIL_TEST_REPAIRED = UTIL_TEST_THAT_FAILS.replace("assert.equal(clamp(15, 0, 10), 15);", "assert.equal(clamp(15, 0, 10), 10);");

/** A model that never learns: the same wrong test on every attempt. */
function answer(request: CompletionRequest): unknown {
  const path = /Test file to write: `([^`]+)`/.exec(request.user)?.[1] ?? "";
  const code = { "src/queue.test.js": QUEUE_TEST, "src/util.test.js": UTIL_TEST_THAT_FAILS, "src/slug.test.js": SLUG_TEST }[path] ?? "";
  return { path, symbols: [], cases: [{ name: "case", why: "why" }], code, explanation: "Tests." };
}

/** A model that corrects the expected value once it is shown the failing assertion (10 !== 15). */
function repairingAnswer(request: CompletionRequest): unknown {
  const shownFailure = request.user.includes("the test runner said") && /10 !== 15/.test(request.user);
  const first = answer(request) as { path: string; code: string };
  return first.path === "src/util.test.js" && shownFailure ? { ...first, code: UTIL_TEST_REPAIRED } : first;
}

describe("running generated tests (PATCHSMITH_TESTS_RUN=true) on the node:test fixture", () => {
  let fixture: Awaited<ReturnType<typeof loadFixtureChange>>;
  let tmpDir: string;
  beforeAll(async () => {
    fixture = await loadFixtureChange("node-test-repo");
    tmpDir = mkdtempSync(path.join(os.tmpdir(), "patchsmith-runner-test-"));
  });
  afterAll(() => {
    fixture.repo.remove();
    rmSync(tmpDir, { recursive: true, force: true });
  });
  const reviewWithRunner = (generator: ReturnType<typeof createScriptedGenerator>) =>
    reviewMissingTests({ head: fixture.head, diff: fixture.diff, headText: (p) => fixture.headFiles[p], config: defaultRepoConfig, generator, runner: createTestRunner({ timeoutMs: 60_000, tmpDir }) });

  it("keeps the tests that pass three runs, drops the one that still fails (the model answering with the same file again ends its repairs), and leaves no copy behind", async () => {
    const generator = createScriptedGenerator({ answers: { tests: [answer, answer, answer, answer, answer] } });
    const report = await reviewWithRunner(generator);

    expect(report.execution).toEqual({ kind: "ran", runs: 3 });
    expect(report.tests.map((t) => [t.path, t.run?.status, t.run?.runs])).toEqual([
      ["src/queue.test.js", "passed", 3],
      ["src/slug.test.js", "passed", 3],
    ]);
    expect(report.rejected).toEqual([expect.objectContaining({ path: "src/util.test.js", stage: "run", attempts: 2 })]);
    expect(report.rejected[0]?.reasons).toEqual([expect.stringMatching(/^it failed: .*(AssertionError|Expected values)/), expect.stringMatching(/the file it was told was wrong, unchanged/)]);
    expect(report.rejected[0]?.run?.output).toMatch(/15/);
    expect(report.stats).toMatchObject({ generated: 3, typeCheckedFirstTime: 2, rejected: 0, dropped: 1 });
    expect(readdirSync(tmpDir)).toEqual([]);
  });

  it("feeds a failing run's assertion back to the model, and delivers the repaired test once it passes", async () => {
    const generator = createScriptedGenerator({ answers: { tests: [repairingAnswer, repairingAnswer, repairingAnswer, repairingAnswer] } });
    const report = await reviewWithRunner(generator);

    const util = report.tests.find((t) => t.path === "src/util.test.js");
    expect(util).toMatchObject({ attempts: 2, content: UTIL_TEST_REPAIRED, run: { status: "passed", runs: 3 } });
    expect(report.rejected).toEqual([]);
    const repairPrompt = generator.calls.filter((c) => c.operation === "tests").at(-1)?.user ?? "";
    expect(repairPrompt).toContain("failed when run");
    expect(repairPrompt).toMatch(/10 !== 15/);
    expect(report.stats).toMatchObject({ generated: 3, typeCheckedFirstTime: 2, repaired: 1, dropped: 0 });
  });

  it("cuts the failing case out of a new file whose other case passes, and delivers the rest once it passes its runs, with no repair call", async () => {
    const halfRight = (request: CompletionRequest): unknown => {
      const first = answer(request) as { path: string; code: string };
      return first.path === "src/util.test.js" ? { ...first, code: UTIL_TEST_HALF_RIGHT } : first;
    };
    const generator = createScriptedGenerator({ answers: { tests: [halfRight, halfRight, halfRight, halfRight] } });
    const report = await reviewWithRunner(generator);

    const util = report.tests.find((t) => t.path === "src/util.test.js");
    expect(util).toMatchObject({ attempts: 1, symbols: ["helper"], run: { status: "passed", runs: 3 } });
    expect(util?.content).toContain('test("helper gives zero"');
    expect(util?.content).not.toContain("clamps to the upper bound");
    expect(util?.content).toContain('import { helper } from "./util.js";');
    expect(generator.calls.filter((c) => c.operation === "tests")).toHaveLength(3);
    expect(report.rejected).toEqual([]);
  });

  it("never runs anything without a runner (the operator did not allow running): the failing test is delivered as validated", async () => {
    const generator = createScriptedGenerator({ answers: { tests: [answer, answer, answer] } });
    const report = await reviewMissingTests({ head: fixture.head, diff: fixture.diff, headText: (p) => fixture.headFiles[p], config: defaultRepoConfig, generator });
    expect(report.execution).toEqual({ kind: "off" });
    expect(report.tests.map((t) => [t.path, t.run])).toEqual([
      ["src/queue.test.js", undefined],
      ["src/slug.test.js", undefined],
      ["src/util.test.js", undefined],
    ]);
    expect(generator.calls.filter((c) => c.operation === "tests")).toHaveLength(3);
  });
});

describe("createTestRunner", () => {
  const conventions = { framework: "vitest", layout: { kind: "beside" } } as unknown as TestConventions;
  const files = {
    "package.json": '{ "devDependencies": { "vitest": "^4.0.0" } }',
    "package-lock.json": "{}",
    "src/a.ts": "export const a = 1;\n",
  };

  it("installs with npm ci --ignore-scripts and no secrets in the environment, and drops a test that passes and then fails", async () => {
    const calls: { command: string; args: readonly string[]; env: Readonly<Record<string, string>> }[] = [];
    const results = [0, 0, 0, 0, 0, 1];
    const exec: ExecCommand = (params) => {
      calls.push({ command: path.basename(params.command), args: params.args, env: params.env });
      if (params.command === "npm") {
        // What npm ci would leave: the runner's binary.
        return import("node:fs/promises").then(async (fs) => {
          await fs.mkdir(path.join(params.cwd, "node_modules", ".bin"), { recursive: true });
          await fs.writeFile(path.join(params.cwd, "node_modules", ".bin", "vitest"), "");
          return { code: 0, output: "added 1 package", timedOut: false };
        });
      }
      return Promise.resolve({ code: results.shift() ?? 0, output: "ran", timedOut: false });
    };
    const runner = createTestRunner({ timeoutMs: 1000, exec, path: "/usr/bin" });
    const report = await runner.run({
      source: memorySource(files),
      tests: [
        { path: "src/a.test.ts", content: "stable" },
        { path: "src/b.test.ts", content: "flaky" },
      ],
      conventions,
    });
    expect(report).toEqual({
      kind: "ran",
      runs: 3,
      outcomes: new Map([
        ["src/a.test.ts", { status: "passed", runs: 3, output: "ran" }],
        ["src/b.test.ts", { status: "flaky", runs: 3, output: "ran" }],
      ]),
    });
    expect(calls.map((c) => [c.command, ...c.args].join(" "))).toEqual([
      "npm ci --ignore-scripts --no-audit --no-fund",
      "vitest run src/a.test.ts",
      "vitest run src/a.test.ts",
      "vitest run src/a.test.ts",
      "vitest run src/b.test.ts",
      "vitest run src/b.test.ts",
      "vitest run src/b.test.ts",
    ]);
    const env = calls[0]?.env ?? {};
    expect(Object.keys(env).sort()).toEqual(["CI", "HOME", "NODE_ENV", "NO_COLOR", "PATH", "TMPDIR", "npm_config_cache", "npm_config_update_notifier", "npm_config_userconfig"]);
    expect(env.PATH).toBe("/usr/bin");
  });

  it("says it cannot run when the runner cannot load the file (the repository's setup), instead of blaming the test", async () => {
    const exec: ExecCommand = (params) => {
      if (params.command === "npm") {
        return import("node:fs/promises").then(async (fs) => {
          await fs.mkdir(path.join(params.cwd, "node_modules", ".bin"), { recursive: true });
          await fs.writeFile(path.join(params.cwd, "node_modules", ".bin", "vitest"), "");
          return { code: 0, output: "", timedOut: false };
        });
      }
      return Promise.resolve({ code: 1, output: "FAIL src/a.test.ts\nSyntaxError: Cannot use import statement outside a module\n", timedOut: false });
    };
    const report = await createTestRunner({ timeoutMs: 1000, exec, path: "/usr/bin" }).run({ source: memorySource(files), tests: [{ path: "src/a.test.ts", content: "x" }], conventions });
    expect(report).toMatchObject({ kind: "unavailable", reason: expect.stringMatching(/could not load the test file \(SyntaxError: Cannot use import statement outside a module\)/) as unknown });
  });

  it("gives mocha and node:test the loader the repository's test script names (tsx), so TypeScript tests run on Node.js 20", async () => {
    const commands: string[] = [];
    const exec: ExecCommand = (params) => {
      commands.push([path.basename(params.command), ...params.args].join(" "));
      if (params.command === "npm") {
        return import("node:fs/promises").then(async (fs) => {
          await fs.mkdir(path.join(params.cwd, "node_modules", ".bin"), { recursive: true });
          await fs.writeFile(path.join(params.cwd, "node_modules", ".bin", "mocha"), "");
          return { code: 0, output: "", timedOut: false };
        });
      }
      return Promise.resolve({ code: 0, output: "", timedOut: false });
    };
    const runner = createTestRunner({ timeoutMs: 1000, exec, runs: 1, nodeVersion: "v20.20.2" });
    const mochaPackage = '{ "scripts": { "test": "mocha --import=tsx \'test/**/*.spec.ts\'" }, "devDependencies": { "mocha": "^10.0.0", "tsx": "^4.0.0" } }';
    await runner.run({ source: memorySource({ "package.json": mochaPackage, "package-lock.json": "{}" }), tests: [{ path: "test/a.spec.ts", content: "x" }], conventions: { framework: "mocha" } as unknown as TestConventions });
    const nodePackage = '{ "scripts": { "test": "node --import tsx --test" }, "devDependencies": { "tsx": "^4.0.0" } }';
    const report = await runner.run({ source: memorySource({ "package.json": nodePackage, "package-lock.json": "{}" }), tests: [{ path: "test/a.test.ts", content: "x" }], conventions: { framework: "node:test" } as unknown as TestConventions });
    expect(report.kind).toBe("ran");
    expect(commands.filter((c) => !c.startsWith("npm"))).toEqual(["mocha --import=tsx test/a.spec.ts", `${path.basename(process.execPath)} --import=tsx --test test/a.test.ts`]);
  });

  it("runs node:test files with the node PATCHSMITH_TESTS_NODE names, asking it for its version (TypeScript needs 22.6)", async () => {
    const commands: string[] = [];
    const exec = (version: string): ExecCommand => (params) => {
      commands.push([params.command, ...params.args].join(" "));
      return Promise.resolve({ code: 0, output: params.args[0] === "--version" ? `${version}\n` : "", timedOut: false });
    };
    const source = memorySource({ "package.json": '{ "type": "module" }' });
    const tests = [{ path: "test/a.test.ts", content: "x" }];
    const conventions = { framework: "node:test" } as unknown as TestConventions;
    const newer = await createTestRunner({ timeoutMs: 1000, runs: 1, node: "/opt/node22/bin/node", exec: exec("v22.12.0") }).run({ source, tests, conventions });
    expect(newer.kind).toBe("ran");
    expect(commands).toEqual(["/opt/node22/bin/node --version", "/opt/node22/bin/node --experimental-strip-types --test test/a.test.ts"]);
    const older = await createTestRunner({ timeoutMs: 1000, runs: 1, node: "/opt/node20/bin/node", exec: exec("v20.20.2") }).run({ source, tests, conventions });
    expect(older).toMatchObject({ kind: "unavailable", reason: expect.stringMatching(/need Node\.js 22\.6 or later; they would run on v20\.20\.2 \(set PATCHSMITH_TESTS_NODE/) as unknown });
    const broken = await createTestRunner({ timeoutMs: 1000, runs: 1, node: "/bin/false", exec: () => Promise.resolve({ code: 1, output: "", timedOut: false }) }).run({ source, tests, conventions });
    expect(broken).toMatchObject({ kind: "unavailable", reason: expect.stringMatching(/PATCHSMITH_TESTS_NODE=\/bin\/false did not answer `--version`/) as unknown });
  });

  it("says why it cannot run: no lockfile for npm ci, or a runner npm ci did not install", async () => {
    const exec: ExecCommand = () => Promise.resolve({ code: 0, output: "", timedOut: false });
    const runner = createTestRunner({ timeoutMs: 1000, exec });
    const withoutLock = Object.fromEntries(Object.entries(files).filter(([file]) => file !== "package-lock.json"));
    const noLock = await runner.run({ source: memorySource(withoutLock), tests: [], conventions });
    expect(noLock).toMatchObject({ kind: "unavailable", reason: expect.stringMatching(/no package-lock\.json/) as unknown });
    const notInstalled = await runner.run({ source: memorySource(files), tests: [{ path: "src/a.test.ts", content: "" }], conventions });
    expect(notInstalled).toMatchObject({ kind: "unavailable", reason: expect.stringMatching(/vitest is not installed by `npm ci`/) as unknown });
  });

  it("refuses a path that would leave the copy", async () => {
    const runner = createTestRunner({ timeoutMs: 1000, exec: () => Promise.resolve({ code: 0, output: "", timedOut: false }) });
    await expect(runner.run({ source: memorySource({ "package.json": "{}" }), tests: [{ path: "../escape.test.js", content: "" }], conventions })).rejects.toThrow(/outside the repository copy/);
    expect(existsSync(path.join(os.tmpdir(), "escape.test.js"))).toBe(false);
  });

  it("kills a test that runs past the time limit", async () => {
    const runner = createTestRunner({ timeoutMs: 1500, runs: 1 });
    const report = await runner.run({
      source: memorySource({ "package.json": '{ "type": "module" }' }),
      tests: [{ path: "loop.test.js", content: 'import { test } from "node:test";\ntest("never ends", () => { for (;;) {} });\n' }],
      conventions: { framework: "node:test" } as unknown as TestConventions,
    });
    expect(report).toMatchObject({ kind: "ran", outcomes: new Map([["loop.test.js", expect.objectContaining({ status: "timed-out", runs: 1 })]]) });
  });
});
