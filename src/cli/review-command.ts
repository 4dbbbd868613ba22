import path from "node:path";
import { parseArgs } from "node:util";
import { REPO_CONFIG_PATH } from "../config/load-repo-config.js";
import { InvalidConfigError, parseRepoConfigYaml, type RepoConfig, defaultRepoConfig } from "../config/repo-config.js";
import type { Generator } from "../llm/generator.js";
import { reviewChange } from "../pipeline/review-change.js";
import type { Severity } from "../types.js";
import { type CliIo, EXIT, UsageError } from "./cli-io.js";
import { formatReview } from "./format-review.js";
import { createProgressReporter, progressMode } from "./progress-reporter.js";
import { loadLocalChange } from "./load-local-change.js";
import type { AppSettings } from "../config/app-settings.js";
import { readCliSettings } from "./read-cli-settings.js";
import { readConfigFile } from "./read-config-file.js";
import { createEnvironmentProvider } from "../environment/create-environment-provider.js";
import { createTestRunner } from "../testgen/create-test-runner.js";
import { formatTestsText } from "../testgen/format-tests-text.js";
import type { TestsReport } from "../testgen/tests-report.js";
import { writeTestFiles } from "../testgen/write-test-files.js";
import type { FileSource } from "../types.js";

export const REVIEW_USAGE = `Usage: patchsmith review [--repo DIR] [--base REF] [--head REF] [--format text|json|markdown] [--fail-on error|warning|never] [--config FILE] [--write-tests]

Reviews the change between two revisions of a local git checkout and prints
the findings and validated suggestions exactly as the GitHub App would post them.
  --repo DIR      the git checkout (default: the current directory)
  --base REF      the revision the change is compared with (default: main, else master, else HEAD~1)
  --head REF      the revision under review (default: HEAD)
  --format F      text (default), json, or markdown (the review comments as posted)
  --fail-on L     exit 1 when a finding of this severity or worse exists (default: never)
  --config FILE   a patchsmith.yml to use (default: .github/patchsmith.yml at the head revision)
  --write-tests   write the generated unit tests into the working tree (needs a model; files with
                  uncommitted changes are left alone)
  --quiet, -q     no progress on stderr (on a terminal one updating line shows the step and time;
                  in CI, with CI=true or GITHUB_ACTIONS=true, one line per step)
Environment: PATCHSMITH_MODEL (GGUF path or hf: URI) or PATCHSMITH_LLM_URL to use a model.
To review a pull request on GitHub instead: patchsmith review <URL | OWNER/REPO#N> --help
`;

export interface ModelFactory {
  (params: { env: CliIo["env"]; config: RepoConfig }): Promise<{ generator?: Generator; notice?: string }>;
}

/** `patchsmith review`: returns the exit code. */
export async function runReviewCommand(args: readonly string[], io: CliIo, createModel: ModelFactory): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      repo: { type: "string" },
      base: { type: "string" },
      head: { type: "string", default: "HEAD" },
      format: { type: "string", default: "text" },
      "fail-on": { type: "string" },
      config: { type: "string" },
      "write-tests": { type: "boolean" },
      quiet: { type: "boolean", short: "q" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help === true) {
    io.stdout.write(REVIEW_USAGE);
    return EXIT.ok;
  }
  const format = values.format;
  if (format !== "text" && format !== "json" && format !== "markdown") {
    throw new UsageError(`--format ${format}: expected text, json or markdown.`);
  }
  const failOnFlag = values["fail-on"];
  if (failOnFlag !== undefined && failOnFlag !== "error" && failOnFlag !== "warning" && failOnFlag !== "never") {
    throw new UsageError(`--fail-on ${failOnFlag}: expected error, warning or never.`);
  }
  const repoDir = path.resolve(io.cwd, values.repo ?? ".");

  const change = await loadLocalChange({ repoDir, base: values.base, head: values.head, maxBytes: defaultRepoConfig.maxFileBytes });
  const config = await loadConfig(values.config, change.head, io);
  const sources = change.withMaxBytes(config.maxFileBytes);
  const runTests = testSettings(io);
  const environment = createEnvironmentProvider({ settings: readCliSettings(io.env).types, env: io.env });
  const model = config.checks.model ? await createModel({ env: io.env, config }) : {};
  if (model.notice !== undefined) io.stderr.write(`patchsmith: ${model.notice}\n`);
  const progress = createProgressReporter({ stream: io.stderr, mode: progressMode({ stream: io.stderr, env: io.env, quiet: values.quiet === true }), now: Date.now });
  try {
    const result = await reviewChange({
      base: sources.base,
      head: sources.head,
      diff: change.diff,
      config,
      onProgress: progress.onProgress,
      ...(model.generator ? { generator: model.generator } : {}),
      ...(runTests.run ? { testRunner: createTestRunner({ timeoutMs: runTests.timeoutMs, ...(runTests.node === undefined ? {} : { node: runTests.node }) }) } : {}),
      ...(environment ? { environment } : {}),
    });
    progress.done();
    const notices = [...change.notices, ...result.notices];
    const headTexts = new Map<string, string>();
    for (const file of result.findings.map((f) => f.path)) {
      const read = await change.head.readText(file);
      if (read.kind === "text") headTexts.set(file, read.text);
    }
    io.stdout.write(formatReview({ ...result, notices }, format, (p) => headTexts.get(p)));
    if (format === "text" && result.tests) io.stdout.write(formatTestsText(result.tests));
    if (values["write-tests"] === true) await writeTests(result.tests, repoDir, change.head, io);
    const failOn = failOnFlag ?? config.failOn;
    // A model's unverified claim never fails the run.
    return failsOn(result.findings.filter((f) => f.unverified !== true).map((f) => f.severity), failOn) ? EXIT.findings : EXIT.ok;
  } finally {
    await model.generator?.dispose();
  }
}

/** `--config FILE` (one it cannot read is a usage error), else `.github/patchsmith.yml` at the head; one that is invalid or unreadable is said, and the defaults are used. */
async function loadConfig(file: string | undefined, head: FileSource, io: CliIo): Promise<RepoConfig> {
  const given = file === undefined ? undefined : await readConfigFile({ cwd: io.cwd, given: file });
  try {
    if (given !== undefined) return parseRepoConfigYaml(given.text, given.path);
    const read = await head.readText(REPO_CONFIG_PATH);
    if (read.kind === "skipped") {
      io.stderr.write(`patchsmith: ${REPO_CONFIG_PATH} was not read (${read.reason}); the defaults were used for this review.\n`);
      return defaultRepoConfig;
    }
    return read.kind === "text" ? parseRepoConfigYaml(read.text) : defaultRepoConfig;
  } catch (error) {
    if (error instanceof InvalidConfigError) {
      io.stderr.write(`patchsmith: ${error.message} The defaults were used for this review.\n`);
      return defaultRepoConfig;
    }
    throw error;
  }
}

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

function failsOn(severities: readonly Severity[], level: "error" | "warning" | "never"): boolean {
  if (level === "never") return false;
  return severities.some((s) => RANK[s] >= RANK[level]);
}

/** The operator's `tests` settings (PATCHSMITH_TESTS_RUN, PATCHSMITH_TESTS_TIMEOUT_MS, PATCHSMITH_TESTS_NODE). */
function testSettings(io: CliIo): AppSettings["tests"] {
  return readCliSettings(io.env).tests;
}

/** `--write-tests`: write what the review generated, and say what was written and what was not. */
async function writeTests(report: TestsReport | undefined, repoDir: string, head: FileSource, io: CliIo): Promise<void> {
  if (report === undefined || report.generation !== "ran") {
    const why = report === undefined ? "checks.tests is off" : report.generation === "nothing-to-test" ? "every changed export is tested" : "no model wrote tests (set PATCHSMITH_MODEL or PATCHSMITH_LLM_URL)";
    io.stderr.write(`patchsmith: --write-tests: nothing written: ${why}.\n`);
    return;
  }
  const reviewedText = async (file: string): Promise<string | undefined> => {
    const read = await head.readText(file);
    return read.kind === "text" ? read.text : undefined;
  };
  const { written, skipped } = await writeTestFiles({ repoDir, tests: report.tests, reviewedText });
  for (const file of written) io.stderr.write(`patchsmith: wrote ${file}\n`);
  for (const file of skipped) io.stderr.write(`patchsmith: did not write ${file.path}: ${file.reason}\n`);
  if (written.length === 0 && skipped.length === 0) io.stderr.write("patchsmith: --write-tests: no generated test passed validation; nothing written.\n");
}
