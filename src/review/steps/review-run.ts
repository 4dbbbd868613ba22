import type { RepoConfig } from "../../config/repo-config.js";
import { createReadBudget, limitFileSource } from "../../security/limit-file-source.js";
import type { FileSource, Notice } from "../../types.js";
import type { ReviewProgress, SkippedFile } from "../review-types.js";

/**
 * What the steps of one review share: the config, the notices and skipped
 * files as they pile up, the stage timer, and the two snapshots behind one
 * read budget (`limits.maxTotalBytes` covers every file the review reads).
 * Each step takes the run and its own inputs, and returns its own results.
 */
export interface ReviewRun {
  readonly config: RepoConfig;
  readonly notices: Notice[];
  readonly skipped: SkippedFile[];
  /** Milliseconds per stage, as `time` adds them up. */
  readonly timings: Record<string, number>;
  /** The snapshots, every read counted against the review's budget. */
  readonly source: { readonly head: FileSource; readonly base: FileSource };
  readonly signal?: AbortSignal;
  /** Time `fn` as (part of) `stage`. */
  time<T>(stage: string, fn: () => Promise<T> | T): Promise<T>;
  /** Once the read budget ran out: one notice saying so, `detail` naming what that cost. */
  budgetNotice(detail: string): void;
  progress(stage: ReviewProgress["stage"], done: number, total: number): void;
}

const BUDGET_HIT = "Limit hit: the review read its limit of";

export function startReviewRun(params: {
  readonly config: RepoConfig;
  readonly head: FileSource;
  readonly base: FileSource;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ReviewProgress) => void;
  /** The clock, injected so timings are testable. */
  readonly now?: () => number;
}): ReviewRun {
  const now = params.now ?? (() => performance.now());
  const { config } = params;
  const notices: Notice[] = [];
  const timings: Record<string, number> = {};
  const budget = createReadBudget(config.limits.maxTotalBytes);
  return {
    config,
    notices,
    skipped: [],
    timings,
    source: { head: limitFileSource(params.head, budget), base: limitFileSource(params.base, budget) },
    ...(params.signal ? { signal: params.signal } : {}),
    time: async (stage, fn) => {
      const start = now();
      try {
        return await fn();
      } finally {
        timings[stage] = Math.round((timings[stage] ?? 0) + now() - start);
      }
    },
    budgetNotice: (detail) => {
      if (budget.exhausted && !notices.some((notice) => notice.message.startsWith(BUDGET_HIT))) {
        notices.push({ message: `${BUDGET_HIT} ${config.limits.maxTotalBytes} bytes of file contents (\`limits.maxTotalBytes\` in .github/patchsmith.yml); ${detail}.` });
      }
    },
    progress: (stage, done, total) => params.onProgress?.({ stage, done, total }),
  };
}
