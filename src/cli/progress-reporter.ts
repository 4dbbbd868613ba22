import type { ReviewProgress } from "../review/review-types.js";
import { describeProgress } from "./describe-progress.js";

export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface ProgressReporter {
  readonly onProgress: (progress: ReviewProgress) => void;
  /** Ends the report: a terminal's line is cleared, a log gets the total time. */
  done(): void;
}

/** Calls `tick` every `ms` until the returned function is called; must not keep the process alive. */
export type Repeat = (ms: number, tick: () => void) => () => void;

const repeatUnref: Repeat = (ms, tick) => {
  const timer = setInterval(tick, ms);
  timer.unref();
  return () => {
    clearInterval(timer);
  };
};

/** Steps that take seconds each (one model call or more): a CI log gets a line per file or task of them. */
const MODEL_STAGES: ReadonlySet<ReviewProgress["stage"]> = new Set(["fixes", "model", "tests"]);

/**
 * Where people wait (a model on a CPU takes minutes): on a terminal one line
 * on stderr that updates (step, file or task i of n, the file, tokens per
 * second, elapsed), redrawn at most every `intervalMs` and at least that often
 * while a model call runs; in a CI log one plain line per step (and per file or
 * task of the model's steps) with the time the previous one took. `mode: "off"`
 * reports nothing. stdout is never touched: it stays the report alone.
 */
export function createProgressReporter(params: {
  readonly stream: ProgressStream;
  readonly mode: "terminal" | "log" | "off";
  readonly now: () => number;
  readonly intervalMs?: number;
  readonly repeat?: Repeat;
}): ProgressReporter {
  const { stream, mode, now } = params;
  const intervalMs = params.intervalMs ?? 1000;
  const started = now();
  let last: ReviewProgress | undefined;
  let lineStarted = started;
  let lastLine = "";
  let lastDrawn = Number.NEGATIVE_INFINITY;
  let drawn = false;
  let stopTicking: (() => void) | undefined;
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  const draw = (progress: ReviewProgress, at: number): void => {
    stream.write(`\r\u001b[2Kpatchsmith: ${describeProgress(progress, { rate: true })} · ${seconds(at - started)}`);
    drawn = true;
    lastDrawn = at;
  };
  return {
    onProgress(progress) {
      if (mode === "off") return;
      const at = now();
      const changed = progress.stage !== last?.stage;
      if (mode === "log") {
        // Per file or task only where each takes seconds and names its file; otherwise the step alone.
        const line = MODEL_STAGES.has(progress.stage) && progress.path !== undefined ? describeProgress(progress, { rate: false }) : describeProgress({ stage: progress.stage, done: 0, total: 0 }, { rate: false });
        if (line !== lastLine) {
          const took = last === undefined ? "" : ` (${lastLine}: ${seconds(at - lineStarted)})`;
          stream.write(`patchsmith: ${line}…${took}\n`);
          lastLine = line;
          lineStarted = at;
        }
      } else {
        // The elapsed time keeps moving while one model call takes a minute.
        stopTicking ??= (params.repeat ?? repeatUnref)(intervalMs, () => {
          if (last !== undefined) draw(last, now());
        });
        if (changed || at - lastDrawn >= intervalMs) draw(progress, at);
      }
      last = progress;
    },
    done() {
      stopTicking?.();
      if (mode === "terminal" && drawn) stream.write("\r\u001b[2K");
      if (mode === "log" && last !== undefined) stream.write(`patchsmith: review done in ${seconds(now() - started)}.\n`);
    },
  };
}

/** A terminal gets the updating line; a CI log (CI or GITHUB_ACTIONS set) the plain lines; anything else, and `--quiet`, nothing. */
export function progressMode(params: { readonly stream: ProgressStream; readonly env: Readonly<Record<string, string | undefined>>; readonly quiet: boolean }): "terminal" | "log" | "off" {
  if (params.quiet) return "off";
  if (params.stream.isTTY === true) return "terminal";
  return params.env["CI"] === "true" || params.env["GITHUB_ACTIONS"] === "true" ? "log" : "off";
}
