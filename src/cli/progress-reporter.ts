import type { ReviewProgress } from "../review/review-types.js";

export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface ProgressReporter {
  readonly onProgress: (progress: ReviewProgress) => void;
  /** Ends the report: a terminal's line is cleared, a log gets the total time. */
  done(): void;
}

const WORDS: Readonly<Record<ReviewProgress["stage"], string>> = {
  load: "loading files",
  analyze: "ESLint and TypeScript",
  model: "the model (fixes, then findings)",
  tests: "unit tests",
  validate: "validating",
  render: "writing the review",
};

/**
 * Where people wait (a model on a CPU takes minutes): on a terminal one line
 * on stderr that updates (step, file i of n, elapsed), at most every
 * `intervalMs` within a step; in a CI log one plain line per step with the
 * time the previous one took. `mode: "off"` reports nothing. stdout is never
 * touched: it stays the report alone.
 */
export function createProgressReporter(params: { readonly stream: ProgressStream; readonly mode: "terminal" | "log" | "off"; readonly now: () => number; readonly intervalMs?: number }): ProgressReporter {
  const { stream, mode, now } = params;
  const started = now();
  let stage: ReviewProgress["stage"] | undefined;
  let stageStarted = started;
  let lastDrawn = Number.NEGATIVE_INFINITY;
  let drawn = false;
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  return {
    onProgress(progress) {
      if (mode === "off") return;
      const at = now();
      const changed = progress.stage !== stage;
      if (mode === "log") {
        if (!changed) return;
        const took = stage === undefined ? "" : ` (${WORDS[stage]}: ${seconds(at - stageStarted)})`;
        stream.write(`patchsmith: ${WORDS[progress.stage]}…${took}\n`);
      } else {
        if (!changed && at - lastDrawn < (params.intervalMs ?? 1000)) return;
        const count = progress.total > 1 ? ` ${String(progress.done)}/${String(progress.total)} files` : "";
        stream.write(`\r\u001b[2Kpatchsmith: ${WORDS[progress.stage]}${count} · ${seconds(at - started)}`);
        drawn = true;
        lastDrawn = at;
      }
      if (changed) {
        stage = progress.stage;
        stageStarted = at;
      }
    },
    done() {
      if (mode === "terminal" && drawn) stream.write("\r\u001b[2K");
      if (mode === "log" && stage !== undefined) stream.write(`patchsmith: review done in ${seconds(now() - started)}.\n`);
    },
  };
}

/** A terminal gets the updating line; a CI log (CI or GITHUB_ACTIONS set) the plain lines; anything else, and `--quiet`, nothing. */
export function progressMode(params: { readonly stream: ProgressStream; readonly env: Readonly<Record<string, string | undefined>>; readonly quiet: boolean }): "terminal" | "log" | "off" {
  if (params.quiet) return "off";
  if (params.stream.isTTY === true) return "terminal";
  return params.env["CI"] === "true" || params.env["GITHUB_ACTIONS"] === "true" ? "log" : "off";
}
