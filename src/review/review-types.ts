import type { RepoConfig } from "../config/repo-config.js";
import type { EnvironmentProvider } from "../environment/acquire-environment.js";
import type { Generator } from "../llm/generator.js";
import type { FileDiff, FileSource, Finding, Notice, ReviewComment, ReviewStats } from "../types.js";

/** Progress of a running review, for check-run text and CLI output. */
export interface ReviewProgress {
  /** `fixes`: the model fixes the checkers' diagnostics; `model`: the model reviews the hunks; `tests`: unit tests are written. */
  readonly stage: "load" | "analyze" | "fixes" | "model" | "tests" | "validate" | "render";
  readonly done: number;
  readonly total: number;
  /** What `done` and `total` count: files (the default) or fix tasks. */
  readonly unit?: "files" | "tasks";
  /** The file the step is working on (the model's current file): repository data, untrusted. */
  readonly path?: string;
  /** Tokens the model has processed per second in this review so far (prompt tokens evaluated and answer tokens). */
  readonly tokensPerSecond?: number;
}

export interface SkippedFile {
  readonly path: string;
  readonly reason: string;
}


/** Everything the engine's steps need; where the files come from is not their concern. */
export interface ReviewParams {
  /** The snapshot at the base revision. */
  readonly base: FileSource;
  /** The snapshot at the head revision. */
  readonly head: FileSource;
  /** The change, one entry per file. */
  readonly diff: readonly FileDiff[];
  readonly config: RepoConfig;
  /** PR title and description: untrusted text, only ever shown to the model as data. */
  readonly pr?: { readonly title: string; readonly body: string };
  /** Owner and name, so sanitised model text may link to this repository only. */
  readonly repo?: { readonly owner: string; readonly name: string };
  /** The model, when one is configured; without it only deterministic checks run. */
  readonly generator?: Generator;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ReviewProgress) => void;
  /** The clock, injected so timings are testable. */
  readonly now?: () => number;
  /** Prompt tokens the model may spend on this run (default: the model layer's per-review budget); scans set their own. */
  readonly modelTokenBudget?: number;
  /** Acquires the dependency declarations the repository's own tsc would see; without it, imports of packages are unknown and not reported. */
  readonly environment?: EnvironmentProvider;
}

/** A review as the engine's steps leave it. */
export interface ReviewResult {
  /** Every finding, validated suggestions attached, sorted by path and line. */
  readonly findings: readonly Finding[];
  /** The inline comments to post (capped at config.maxComments, all anchored inside a hunk). */
  readonly comments: readonly ReviewComment[];
  /** Findings that did not become inline comments (over the cap, or outside the diff). */
  readonly overflow: readonly Finding[];
  /** The review body: summary, overflow, skipped files and notices, as markdown (no state marker). */
  readonly body: string;
  readonly notices: readonly Notice[];
  readonly skipped: readonly SkippedFile[];
  /**
   * Paths of the diff whose findings this run derived in full (not skipped, not
   * failed): what it found there replaces what earlier reviews recorded.
   * Absent: every path of the diff not in `skipped`.
   */
  readonly analysed?: readonly string[];
  readonly stats: ReviewStats;
  /** Name of the model and backend used, or undefined when none ran. */
  readonly model?: string;
}
