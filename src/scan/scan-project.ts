import type { UntestedExport } from "../analyze/find-untested-exports.js";
import ts from "typescript";
import type { RepoConfig } from "../config/repo-config.js";
import type { Generator } from "../llm/generator.js";
import type { ReviewChange } from "../pipeline/review-types.js";
import type { ReviewProgress, SkippedFile } from "../review/review-types.js";
import { severityRank } from "../review/severity-rank.js";
import type { GeneratedTest } from "../testgen/tests-report.js";
import type { FileSource, Finding, Notice, ReviewStats } from "../types.js";
import { buildScanDiff, type ExcludedGroup } from "./build-scan-diff.js";
import { emptyFileSource } from "./empty-file-source.js";
import { isEnvironmentNoise } from "./is-environment-noise.js";

/** What a whole-project scan found, ready to render. */
export interface ScanResult {
  /** Findings at or above the config's severity, validated fixes attached. */
  readonly findings: readonly Finding[];
  /** Exported functions and classes no test uses (the engine's unit-test step, with `checks.tests`). */
  readonly untested: readonly UntestedExport[];
  /** Test files the model wrote for them and validation accepted (the fix pull request carries them). */
  readonly generatedTests: readonly GeneratedTest[];
  /** Files that could not be analysed (or reviewed by the model), with the reason. */
  readonly skipped: readonly SkippedFile[];
  /** Files left out by kind (other languages, vendored, generated, ignored), counted. */
  readonly excluded: readonly ExcludedGroup[];
  readonly notices: readonly Notice[];
  readonly stats: ReviewStats;
  /** The model and backend, when one ran. */
  readonly model?: string;
}

/**
 * Analyse a whole project with the review engine, the same for the App and
 * the CLI:
 *  1. make the project a change: every script file added in full, against an empty base;
 *  2. run the engine on it (diagnostics, validated deterministic fixes, untested
 *     exports, and the model over the most important files within `tokenBudget`);
 *  3. keep the findings at or above the config's severity, leaving out those
 *     that only say the dependencies are not installed (a scan has no base
 *     version to hide them, as a pull request's has), with a notice saying how many.
 */
export async function scanProject(params: {
  readonly source: FileSource;
  readonly config: RepoConfig;
  readonly reviewChange: ReviewChange;
  readonly generator?: Generator;
  /** Prompt tokens the model may spend on this scan. */
  readonly tokenBudget: number;
  /** Most script files analysed (the scan's own limit, in place of the per-review one). */
  readonly maxFiles: number;
  /** Most bytes of file contents read (the scan's own limit, in place of the per-review one). */
  readonly maxBytes: number;
  /** The repository, so sanitised model text may link into it. */
  readonly repo?: { readonly owner: string; readonly name: string };
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ReviewProgress) => void;
  readonly now?: () => number;
}): Promise<ScanResult> {
  // 1. The project as a change.
  const scanDiff = await buildScanDiff({ source: params.source, config: params.config, maxFiles: params.maxFiles });
  params.signal?.throwIfAborted();

  // 2. The engine, under the scan's limits rather than a review's (the files are already cut to the scan's).
  // Every finding may become a comment (none is posted; the cap's notice would only confuse a report).
  const config: RepoConfig = {
    ...params.config,
    maxComments: Number.MAX_SAFE_INTEGER,
    limits: { ...params.config.limits, maxFiles: Math.max(1, scanDiff.diff.length), maxTotalBytes: params.maxBytes },
  };
  const result = await params.reviewChange({
    base: emptyFileSource(),
    head: params.source,
    diff: scanDiff.diff,
    config,
    modelTokenBudget: params.tokenBudget,
    ...(params.repo === undefined ? {} : { repo: params.repo }),
    ...(params.generator === undefined ? {} : { generator: params.generator }),
    ...(params.signal === undefined ? {} : { signal: params.signal }),
    ...(params.onProgress === undefined ? {} : { onProgress: params.onProgress }),
    ...(params.now === undefined ? {} : { now: params.now }),
  });

  // 3. What is worth reporting.
  const threshold = severityRank(params.config.severity);
  const importsPackages = new Map<string, boolean>();
  for (const path of new Set(result.findings.map((finding) => finding.path))) {
    const read = await params.source.readText(path);
    importsPackages.set(path, read.kind === "text" && importsPackage(read.text));
  }
  const kept = result.findings.filter((finding) => severityRank(finding.severity) >= threshold);
  const findings = kept.filter((finding) => !isEnvironmentNoise(finding, importsPackages.get(finding.path) ?? false));
  const noise = kept.length - findings.length;
  const notices = noise === 0 ? result.notices : [...result.notices, { message: `${noise} TypeScript ${noise === 1 ? "error was" : "errors were"} left out because ${noise === 1 ? "it only says" : "they only say"} that the project's dependencies or Node/DOM type definitions are not installed (patchsmith never installs them): Node or browser globals not found, \`import.meta\` properties, implicitly-\`any\` parameters in files that import packages.` }];
  return {
    findings,
    untested: result.tests?.untested ?? [],
    generatedTests: result.tests?.tests ?? [],
    skipped: [...scanDiff.skipped, ...result.skipped],
    excluded: scanDiff.excluded,
    notices,
    stats: result.stats,
    ...(result.model === undefined ? {} : { model: result.model }),
  };
}

/** Whether a file imports a package (a bare specifier, `node:` built-ins included): its types are never installed. */
function importsPackage(text: string): boolean {
  return ts.preProcessFile(text, true, true).importedFiles.some((ref) => !ref.fileName.startsWith(".") && !ref.fileName.startsWith("/"));
}
