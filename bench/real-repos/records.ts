import type { FalsePositive, MissedError } from "./compare.js";
import type { SuggestionEdit } from "./patchsmith.js";
import type { TscDiagnostic, TscStep } from "./tsc.js";

/** What one commit gave; written to the JSON report as is. */
export interface CommitRecord {
  readonly sha: string;
  readonly subject: string;
  /** tsc-incomplete: tsc reported options or global errors, so it ran no semantic check (see tsc.semanticSkipped). */
  readonly status: "compared" | "install-failed" | "tsc-failed" | "tsc-incomplete" | "review-failed" | "error";
  readonly error?: string;
  readonly install?: { readonly reused: boolean; readonly manager: string; readonly lockfile?: string; readonly command?: string; readonly ms?: number; readonly failures?: readonly string[] };
  readonly tsc?: {
    readonly version: string;
    readonly steps: readonly TscStep[];
    readonly commands: readonly string[];
    /** Wall time of the type check on a clean tree (no .tsbuildinfo, no build output): a cold run. */
    readonly ms: number;
    /** Repo files in the programs tsc checked (--listFiles): 0 means the ground truth saw nothing. */
    readonly programFiles: number;
    /** Every error tsc reported at the head, on any line. */
    readonly errorsAtHead: number;
    readonly globalErrors: readonly TscDiagnostic[];
    /** Why tsc ran no semantic check, if it did not: the ground truth then holds only those errors. */
    readonly semanticSkipped?: "environment" | "syntax";
    readonly problems: readonly string[];
  };
  readonly review?: {
    readonly ms: number;
    readonly exitCode: number | null;
    readonly findings: number;
    readonly tsFindings: number;
    /** Non-TypeScript findings (eslint/..., model/..., ...) per rule. */
    readonly otherRules: Readonly<Record<string, number>>;
    readonly notices: readonly string[];
    readonly skipped: readonly string[];
  };
  readonly comparison?: {
    readonly tsFindings: number;
    readonly matchedFindings: number;
    readonly realOnAdded: number;
    readonly found: number;
    readonly falsePositives: readonly FalsePositive[];
    readonly missed: readonly MissedError[];
  };
  readonly suggestions?: readonly SuggestionRecord[];
  /** Suggestions not checked because of --max-suggestions. */
  readonly suggestionsNotChecked?: number;
}

export interface SuggestionRecord {
  readonly path: string;
  readonly line: number;
  readonly rule: string;
  readonly title: string;
  readonly origin: string;
  readonly edit: SuggestionEdit;
  /**
   * clean: tsc reports nothing new; adds-error: it does. Not judged:
   * outside-program (the file is in no program tsc checks, so tsc cannot
   * tell), not-applied (the range is not in the file), tsc-failed.
   */
  readonly verdict: "clean" | "adds-error" | "outside-program" | "not-applied" | "tsc-failed";
  readonly introduced: readonly TscDiagnostic[];
  readonly detail?: string;
}

export interface RepoSummary {
  readonly commits: number;
  readonly compared: number;
  readonly failed: Readonly<Record<string, number>>;
  readonly realOnAdded: number;
  readonly found: number;
  readonly tsFindings: number;
  readonly matchedFindings: number;
  readonly precision: number | null;
  readonly recall: number | null;
  readonly suggestions: number;
  readonly suggestionsJudged: number;
  readonly badSuggestions: number;
  readonly medianReviewMs: number | null;
  readonly medianTscMs: number | null;
  /** Median review time / median cold tsc time. */
  readonly ratio: number | null;
  readonly eslintRules: Readonly<Record<string, number>>;
}

export interface RepoRecord {
  readonly name: string;
  readonly source: string;
  readonly truthDir: string;
  readonly reviewDir: string;
  readonly commits: readonly CommitRecord[];
  readonly summary: RepoSummary;
}

export interface BenchReport {
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly patchsmith: { readonly cli: string; readonly revision: string; readonly dirty: boolean; readonly builtAt: string };
  readonly options: Readonly<Record<string, unknown>>;
  readonly repos: readonly RepoRecord[];
}
