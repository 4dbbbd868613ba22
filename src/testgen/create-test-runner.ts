import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { mapWithConcurrency } from "../llm/findings/map-with-concurrency.js";
import type { FileSource } from "../types.js";
import { execCommand, type ExecCommand } from "./exec-command.js";
import { loaderFlags } from "./loader-flags.js";
import { readPackageJson, type PackageInfo } from "./read-package-json.js";
import type { TestConventions } from "./test-conventions.js";
import type { TestRunner, TestRunOutcome, TestRunReport } from "./test-runner.js";
import { failingTestLines } from "./failing-test-lines.js";
import { loaderFailure } from "./loader-failure.js";

export interface TestRunnerOptions {
  /** Time limit of one run of one test file, in milliseconds. */
  readonly timeoutMs: number;
  /** Time limit of `npm ci`. Default 10 minutes. */
  readonly installTimeoutMs?: number;
  /** Runs in a row a test must pass to be kept. Default 3 (TestGen-LLM's filter). */
  readonly runs?: number;
  /** Where throwaway copies are made. Default the OS temporary directory. */
  readonly tmpDir?: string;
  /** The PATH children get (the only variable taken from the operator's environment). */
  readonly path?: string;
  /** Largest repository copied, in files and bytes. */
  readonly maxFiles?: number;
  readonly maxBytes?: number;
  readonly exec?: ExecCommand;
  /** The node executable that runs node:test files (PATCHSMITH_TESTS_NODE). Default process.execPath. */
  readonly node?: string;
  /** Its version, for TypeScript support in node:test. Default: asked of `node` (`--version`), or process.version. */
  readonly nodeVersion?: string;
}

const LOCKFILES = ["package-lock.json", "npm-shrinkwrap.json"];
const SKIP = /(?:^|\/)(?:node_modules|\.git)\//;

/**
 * The runner for `PATCHSMITH_TESTS_RUN=true`. For each batch of generated tests:
 *  1. copy the head snapshot into a fresh temporary directory (read through
 *     the FileSource; paths that would leave the directory are refused);
 *  2. install dependencies with `npm ci --ignore-scripts` when package.json has
 *     any (no install script runs; a lockfile is required);
 *  3. run each test file with the repository's runner (and the module-loading
 *     flags its test script gives it, such as `--import=tsx`) up to `runs` times,
 *     stopping at the first failure, each run under the time limit with its
 *     process group killed at the limit;
 *  4. delete the copy.
 * Children get no secrets: only PATH, and HOME, TMPDIR and the npm cache
 * pointing inside the copy. This limits what a test can reach; it is not a
 * sandbox, which is why running is the operator's choice and off by default.
 */
export function createTestRunner(options: TestRunnerOptions): TestRunner {
  const runs = options.runs ?? 3;
  const exec = options.exec ?? execCommand;
  let nodeInfo: Promise<NodeInfo> | undefined;
  const node = (): Promise<NodeInfo> => (nodeInfo ??= nodeOf(options, exec));
  return {
    async run(params): Promise<TestRunReport> {
      const root = await mkdtemp(path.join(options.tmpDir ?? os.tmpdir(), "patchsmith-tests-"));
      try {
        const repo = path.join(root, "repo");
        const env = childEnv(root, options.path ?? process.env.PATH ?? "/usr/bin:/bin");
        await Promise.all(["home", "tmp", "npm-cache"].map((dir) => mkdir(path.join(root, dir), { recursive: true })));

        // 1. The copy.
        const copied = await copySnapshot(params.source, repo, options.maxFiles ?? 20_000, options.maxBytes ?? 200_000_000);
        if (copied !== undefined) return { kind: "unavailable", reason: copied };
        for (const test of params.tests) await writeInside(repo, test.path, test.content);

        // 2. Dependencies.
        const pkg = readPackageJson(await readText(params.source, "package.json"));
        if (pkg.dependencies.size > 0) {
          if (!LOCKFILES.some((file) => existsSync(path.join(repo, file)))) {
            return { kind: "unavailable", reason: "package.json lists dependencies but the repository has no package-lock.json, which `npm ci` needs (yarn and pnpm lockfiles are not supported)." };
          }
          const install = await exec({
            command: "npm",
            args: ["ci", "--ignore-scripts", "--no-audit", "--no-fund"],
            cwd: repo,
            env,
            timeoutMs: options.installTimeoutMs ?? 10 * 60_000,
            ...(params.signal === undefined ? {} : { signal: params.signal }),
          });
          if (install.code !== 0) return { kind: "unavailable", reason: `\`npm ci --ignore-scripts\` failed${install.timedOut ? " (time limit)" : ""}: ${lastLines(install.output)}` };
        }

        // 3. The runs.
        let nodeInfo: NodeInfo;
        try {
          nodeInfo = await node();
        } catch (error) {
          return { kind: "unavailable", reason: (error as Error).message };
        }
        const outcomes = new Map<string, TestRunOutcome>();
        for (const test of params.tests) {
          const command = commandFor(params.conventions, test.path, repo, nodeInfo, pkg);
          if ("unavailable" in command) return { kind: "unavailable", reason: command.unavailable };
          let outcome: TestRunOutcome = { status: "passed", runs: 0, output: "" };
          for (let run = 1; run <= runs; run++) {
            const result = await exec({ ...command, cwd: repo, env, timeoutMs: options.timeoutMs, ...(params.signal === undefined ? {} : { signal: params.signal }) });
            if (result.timedOut) {
              outcome = { status: "timed-out", runs: run, output: lastLines(result.output) };
              break;
            }
            if (result.code !== 0) {
              const cannotLoad = run === 1 ? loaderFailure(result.output) : undefined;
              if (cannotLoad !== undefined) {
                return { kind: "unavailable", reason: `the repository's test runner could not load the test file (${cannotLoad}): its setup for TypeScript or ES modules is missing, so generated tests were type-checked but not run.` };
              }
              const failingLines = failingTestLines(result.output, test.path);
              outcome = { status: run === 1 ? "failed" : "flaky", runs: run, output: lastLines(result.output), ...(failingLines.length > 0 ? { failingLines } : {}) };
              break;
            }
            outcome = { status: "passed", runs: run, output: lastLines(result.output) };
          }
          outcomes.set(test.path, outcome);
        }
        return { kind: "ran", runs, outcomes };
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    },
  };
}

function childEnv(root: string, pathVariable: string): Record<string, string> {
  return {
    PATH: pathVariable,
    HOME: path.join(root, "home"),
    TMPDIR: path.join(root, "tmp"),
    CI: "true",
    NODE_ENV: "test",
    NO_COLOR: "1",
    npm_config_cache: path.join(root, "npm-cache"),
    // The operator's ~/.npmrc (and any token in it) is not read: HOME is elsewhere and this file does not exist.
    npm_config_userconfig: path.join(root, "home", ".npmrc"),
    npm_config_update_notifier: "false",
  };
}

type Command = { readonly command: string; readonly args: readonly string[] } | { readonly unavailable: string };

interface NodeInfo {
  readonly path: string;
  readonly version: string;
}

/** The node that runs node:test files, and its version (asked once, of the operator's own executable). */
async function nodeOf(options: TestRunnerOptions, exec: ExecCommand): Promise<NodeInfo> {
  const executable = options.node ?? process.execPath;
  if (options.nodeVersion !== undefined) return { path: executable, version: options.nodeVersion };
  if (options.node === undefined) return { path: executable, version: process.version };
  const asked = await exec({ command: executable, args: ["--version"], cwd: os.tmpdir(), env: { PATH: options.path ?? process.env.PATH ?? "/usr/bin:/bin" }, timeoutMs: 10_000 });
  const version = /v\d+\.\d+\.\d+/.exec(asked.output)?.[0];
  if (asked.code !== 0 || version === undefined) throw new Error(`PATCHSMITH_TESTS_NODE=${executable} did not answer \`--version\` with a Node.js version: ${asked.output.trim().slice(0, 200)}`);
  return { path: executable, version };
}

function commandFor(conventions: TestConventions, file: string, repo: string, node: NodeInfo, pkg: PackageInfo): Command {
  const nodeVersion = node.version;
  const bin = (name: string): string => path.join(repo, "node_modules", ".bin", name);
  const installed = (name: string, args: readonly string[]): Command =>
    existsSync(bin(name)) ? { command: bin(name), args } : { unavailable: `${name} is not installed by \`npm ci\`; add it to the repository's devDependencies to have generated tests run.` };
  switch (conventions.framework) {
    case "node:test": {
      // The repository's own loader (`node --import tsx --test`) runs TypeScript on any Node.js version.
      const loaders = loaderFlags(pkg.scripts.test, "node", pkg.dependencies);
      if (!/\.[cm]?tsx?$/.test(file) || loaders.length > 0) return { command: node.path, args: [...loaders, "--test", file] };
      const [major = 0, minor = 0] = nodeVersion.replace(/^v/, "").split(".").map(Number);
      if (major > 23 || (major === 23 && minor >= 6)) return { command: node.path, args: ["--test", file] };
      if (major > 22 || (major === 22 && minor >= 6)) return { command: node.path, args: ["--experimental-strip-types", "--test", file] };
      return { unavailable: `TypeScript tests with node:test need Node.js 22.6 or later; they would run on ${nodeVersion} (set PATCHSMITH_TESTS_NODE to a newer node).` };
    }
    case "vitest":
      return installed("vitest", ["run", file]);
    case "jest":
      return installed("jest", ["--ci", "--runTestsByPath", file]);
    case "mocha":
      return installed("mocha", [...loaderFlags(pkg.scripts.test, "mocha", pkg.dependencies), file]);
    case "ava":
      return installed("ava", [file]);
  }
}

/** Copy every readable file of the snapshot; an error message when it is too large. */
async function copySnapshot(source: FileSource, into: string, maxFiles: number, maxBytes: number): Promise<string | undefined> {
  const paths = (await source.listPaths()).filter((p) => !SKIP.test(p));
  if (paths.length > maxFiles) return `the repository has ${paths.length} files, more than the ${maxFiles} a test run copies.`;
  const copied = { bytes: 0, tooLarge: false };
  await mapWithConcurrency(paths, 8, async (file) => {
    if (copied.tooLarge) return;
    const text = await readText(source, file);
    if (text === undefined) return;
    copied.bytes += Buffer.byteLength(text);
    if (copied.bytes > maxBytes) {
      copied.tooLarge = true;
      return;
    }
    await writeInside(into, file, text);
  });
  return copied.tooLarge ? `the repository is larger than the ${Math.round(maxBytes / 1_000_000)} MB a test run copies.` : undefined;
}

async function readText(source: FileSource, file: string): Promise<string | undefined> {
  const result = await source.readText(file);
  return result.kind === "text" ? result.text : undefined;
}

/** Write a repository file under `root`, refusing any path that would leave it. */
async function writeInside(root: string, file: string, text: string): Promise<void> {
  const target = path.resolve(root, file);
  if (path.isAbsolute(file) || !target.startsWith(`${path.resolve(root)}${path.sep}`)) throw new Error(`Refusing to write ${JSON.stringify(file)}: it is outside the repository copy.`);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, text);
}

function lastLines(output: string, count = 30): string {
  return output.trimEnd().split("\n").slice(-count).join("\n");
}
