import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { createProgressReporter, progressMode } from "./progress-reporter.js";
import { InvalidSettingsError, readAppSettings } from "../config/app-settings.js";
import { createEnvironmentProvider } from "../environment/create-environment-provider.js";
import { withEnvironment } from "../pipeline/with-environment.js";
import { defaultRepoConfig, InvalidConfigError, parseRepoConfigYaml, type RepoConfig } from "../config/repo-config.js";
import { reviewChange } from "../pipeline/review-change.js";
import { severityRank } from "../review/severity-rank.js";
import { createDirectoryFileSource, type DirectoryFileSource } from "../scan/create-directory-file-source.js";
import { readScanSettings, type ScanSettings } from "../scan/read-scan-settings.js";
import { renderScanReport } from "../scan/render-scan-report.js";
import { scanProject } from "../scan/scan-project.js";
import { type CliIo, EXIT, UsageError } from "./cli-io.js";
import type { ModelFactory } from "./review-command.js";

export const SCAN_USAGE = `Usage: patchsmith scan [DIR] [--format markdown|json] [--fail-on error|warning|never] [--config FILE]

Scans a whole local folder (default: the current directory) with the same
engine and prints the report the scheduled scan writes to the repository's
tracking issue. Nothing in the folder is run; symbolic links are not followed;
.git and node_modules are not read.
  --format F      markdown (default, the issue's report) or json
  --fail-on L     exit 1 when a finding of this severity or worse exists (default: never)
  --config FILE   a patchsmith.yml to use (default: DIR/.github/patchsmith.yml)
  --quiet, -q     no progress on stderr (a terminal gets one updating line; CI logs one line per step)
Environment: PATCHSMITH_MODEL or PATCHSMITH_LLM_URL to use a model; PATCHSMITH_SCAN_* limits (see .env.example).
`;

/** `patchsmith scan [DIR]`: returns the exit code. */
export async function runScanCommand(args: readonly string[], io: CliIo, createModel: ModelFactory, now: () => number = Date.now): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      format: { type: "string", default: "markdown" },
      "fail-on": { type: "string" },
      config: { type: "string" },
      quiet: { type: "boolean", short: "q" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: true,
  });
  if (values.help === true) {
    io.stdout.write(SCAN_USAGE);
    return EXIT.ok;
  }
  if (positionals.length > 1) throw new UsageError(`scan takes one folder, not ${positionals.length} (${positionals.join(", ")}).`);
  const format = values.format;
  if (format !== "markdown" && format !== "json") throw new UsageError(`--format ${format}: expected markdown or json.`);
  const failOnFlag = values["fail-on"];
  if (failOnFlag !== undefined && failOnFlag !== "error" && failOnFlag !== "warning" && failOnFlag !== "never") {
    throw new UsageError(`--fail-on ${failOnFlag}: expected error, warning or never.`);
  }
  const dir = path.resolve(io.cwd, positionals[0] ?? ".");
  const settings = readSettings(io.env);

  let source = await openFolder(dir, defaultRepoConfig.maxFileBytes, settings);
  const config = await loadConfig(values.config, source, io);
  if (config.maxFileBytes !== defaultRepoConfig.maxFileBytes) source = await openFolder(dir, config.maxFileBytes, settings);

  const model = config.checks.model ? await createModel({ env: io.env, config }) : {};
  if (model.notice !== undefined) io.stderr.write(`patchsmith: ${model.notice}\n`);
  const progress = createProgressReporter({ stream: io.stderr, mode: progressMode({ stream: io.stderr, env: io.env, quiet: values.quiet === true }), now: Date.now });
  try {
    const scanned = await scanProject({
      source,
      config,
      onProgress: progress.onProgress,
      reviewChange: withEnvironment(reviewChange, createEnvironmentProvider({ settings: readAppSettings(io.env).types, env: io.env })),
      tokenBudget: settings.tokenBudget,
      maxFiles: settings.maxAnalysedFiles,
      maxBytes: settings.maxExtractedBytes,
      ...(model.generator === undefined ? {} : { generator: model.generator }),
    });
    progress.done();
    const notices = source.capped
      ? [{ message: `Only the first ${settings.maxFiles} files of the folder were looked at (PATCHSMITH_SCAN_MAX_FILES); raise it to scan the rest.` }, ...scanned.notices]
      : scanned.notices;
    const result = { ...scanned, skipped: [...source.skipped, ...scanned.skipped], notices };
    if (format === "json") io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else io.stdout.write(`${renderScanReport({ outcome: { kind: "scanned", result }, folder: path.basename(dir) || dir, scannedAt: new Date(now()) })}\n`);
    const failOn = failOnFlag ?? config.failOn;
    return failOn !== "never" && result.findings.some((f) => f.unverified !== true && severityRank(f.severity) >= severityRank(failOn)) ? EXIT.findings : EXIT.ok;
  } finally {
    await model.generator?.dispose();
  }
}

function readSettings(env: CliIo["env"]): ScanSettings {
  try {
    return readScanSettings(env);
  } catch (error) {
    if (error instanceof InvalidSettingsError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
}

async function openFolder(dir: string, maxBytes: number, settings: ScanSettings): Promise<DirectoryFileSource> {
  try {
    return await createDirectoryFileSource({ dir, maxBytes, maxFiles: settings.maxFiles, label: `dir:${dir}` });
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
}

/** --config FILE, else the folder's .github/patchsmith.yml (read as data through the folder's source), else the defaults. */
async function loadConfig(file: string | undefined, source: DirectoryFileSource, io: CliIo): Promise<RepoConfig> {
  try {
    if (file !== undefined) {
      const text = await readFile(path.resolve(io.cwd, file), "utf8").catch((error: unknown) => {
        throw new UsageError(`--config ${file}: the file cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}); pass a patchsmith.yml that exists.`, { cause: error });
      });
      return parseRepoConfigYaml(text, file);
    }
    const read = await source.readText(".github/patchsmith.yml");
    return read.kind === "text" ? parseRepoConfigYaml(read.text) : defaultRepoConfig;
  } catch (error) {
    if (error instanceof InvalidConfigError) {
      io.stderr.write(`patchsmith: ${error.message} The defaults were used for this scan.\n`);
      return defaultRepoConfig;
    }
    throw error;
  }
}
