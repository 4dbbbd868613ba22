/**
 * Domain types shared by every module. Pure data: no I/O, no classes.
 * Line numbers are 1-based everywhere; columns are 1-based.
 */

/* ---------- diff ---------- */

export type FileStatus = "added" | "modified" | "renamed" | "removed" | "binary";

export interface HunkLine {
  readonly kind: "add" | "del" | "context";
  /** The line's text without the leading +/-/space and without a trailing CR. */
  readonly content: string;
  /** Line number on the old side (absent for added lines). */
  readonly oldLine?: number;
  /** Line number on the new side (absent for deleted lines). */
  readonly newLine?: number;
}

export interface Hunk {
  readonly header: string;
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  readonly lines: readonly HunkLine[];
}

export interface FileDiff {
  /** Path on the new side (the old path for a removed file). */
  readonly path: string;
  /** Path on the old side when it differs (renames). */
  readonly oldPath?: string;
  readonly status: FileStatus;
  readonly hunks: readonly Hunk[];
  /** True when GitHub or git gave no patch text (binary, too large, pure rename). */
  readonly noPatch: boolean;
}

/* ---------- files ---------- */

export type Revision = "base" | "head";

export type ReadResult =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "missing" }
  | { readonly kind: "skipped"; readonly reason: string };

/**
 * Where files come from: a local git checkout, the GitHub API, a directory.
 * The analysis code never knows which.
 */
export interface FileSource {
  /** Human-readable origin, e.g. "git:/repo@abc123" or "github:o/r@sha". */
  readonly description: string;
  /** Read one file as UTF-8 text; binaries, huge and non-UTF-8 files come back as "skipped". */
  readText(path: string): Promise<ReadResult>;
  /** Every file path in the snapshot (repository-relative, forward slashes). */
  listPaths(): Promise<readonly string[]>;
}

/* ---------- analysis ---------- */

export type Severity = "error" | "warning" | "info";

export interface Diagnostic {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly source: "eslint" | "typescript";
  /** ESLint rule id (e.g. "no-unused-vars") or "TS2304". */
  readonly code: string;
  readonly message: string;
  readonly severity: Severity;
}

/** A replacement of whole lines startLine..endLine (inclusive) of the new side. */
export interface Edit {
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  /** The new text of those lines, joined with "\n", without a trailing newline; "" is one empty line. */
  readonly replacement: string;
  /** The lines are deleted (`replacement` is then ""): a distinct edit from emptying a line. */
  readonly deletion?: boolean;
}

export type FixOrigin = "eslint" | "typescript" | "model" | "secret";

export interface Fix {
  readonly edit: Edit;
  readonly title: string;
  readonly origin: FixOrigin;
  /** The diagnostic this fix claims to remove, if any: validation checks it is gone. */
  readonly target?: Diagnostic;
}

export interface ValidationVerdict {
  readonly ok: boolean;
  /** Why it was rejected: each new error, or the target diagnostic still present. */
  readonly reasons: readonly string[];
  /** Errors the edit introduced (empty when ok). */
  readonly introduced: readonly Diagnostic[];
}

/* ---------- review ---------- */

export interface Finding {
  readonly path: string;
  /** First line of the range the finding is about (new side). */
  readonly startLine: number;
  readonly line: number;
  readonly severity: Severity;
  /** "eslint/no-unused-vars", "ts/TS2304", "model/bug", ... */
  readonly rule: string;
  readonly message: string;
  /** A validated edit, posted as a suggestion block. */
  readonly suggestion?: Fix;
  /** Plain-text advice (e.g. a model fix that never validated). Never a suggestion block. */
  readonly advice?: string;
  /** A model's claim no checker confirmed (no validated edit): shown as such, at most a warning, never counted toward "Changes needed" or --fail-on. */
  readonly unverified?: boolean;
}

/** Something the review could not do, in words that name the file and what to do. */
export interface Notice {
  readonly path?: string;
  readonly message: string;
}

export interface ReviewComment {
  readonly path: string;
  readonly line: number;
  readonly startLine?: number;
  readonly side: "RIGHT";
  readonly body: string;
  readonly fingerprint: string;
}

export interface ReviewStats {
  readonly filesAnalysed: number;
  readonly filesSkipped: number;
  readonly suggestionsProposed: number;
  readonly suggestionsValidated: number;
  readonly suggestionsRejected: number;
  readonly suggestionsRepaired: number;
  readonly validatedFirstTime: number;
  /** Milliseconds per stage name. */
  readonly timings: Readonly<Record<string, number>>;
  /** The dependency declarations the head was checked against: packages, bytes, acquisition time, and those missing. */
  readonly environment?: { readonly packages: number; readonly bytes: number; readonly ms: number; readonly missing: number };
  /** What the model cost in this review, in all and per stage; absent when no model ran. */
  readonly model?: ModelCallStats;
}

/** Model calls and their tokens and time (on a CPU, time is tokens). */
export interface ModelCallTotals {
  readonly calls: number;
  /** Prompt tokens in all (chat template included where the backend counts it). */
  readonly promptTokens: number;
  /** Of those, the tokens evaluated; the rest were a prefix reused from an earlier call. */
  readonly promptTokensEvaluated: number;
  readonly answerTokens: number;
  readonly ms: number;
  readonly secondsPerCall: number;
}

/** Per stage: fixes for the checkers' diagnostics, the model's own findings, unit tests, repairs (answers to a rejection), answers to questions. */
export interface ModelCallStats extends ModelCallTotals {
  readonly stages: Readonly<Partial<Record<"fixes" | "findings" | "tests" | "repair" | "answer", ModelCallTotals>>>;
}
