import { mapWithConcurrency } from "../llm/findings/map-with-concurrency.js";
import type { FixTask } from "../llm/findings/plan-fix-tasks.js";
import { runFixTask } from "../llm/findings/run-fix-task.js";
import type { Generator, PullRequestText } from "../llm/generator.js";
import type { Diagnostic, Fix, Notice, ValidationVerdict } from "../types.js";
import { describeFix } from "./describe-fix.js";

/** Fix tasks per review (each is at least one model call): a scan of a whole repository must not turn into hundreds of calls. */
export const MAX_FIX_TASKS = 20;

export interface ModelFixStats {
  proposed: number;
  validatedFirstTime: number;
  repaired: number;
  rejected: number;
}

export interface ModelFixesResult {
  /** Each validated fix with the task's diagnostics it removes (the first one always among them). */
  readonly fixes: readonly { readonly fix: Fix; readonly removes: readonly Diagnostic[] }[];
  readonly notices: readonly Notice[];
  readonly stats: ModelFixStats;
}

/**
 * The model's main job in a review: fixes for what the checkers found.
 *  1. run each fix task (several at once when the backend allows), through the repair loop;
 *  2. keep a fix only when it validated with its first diagnostic as the target and
 *     kept what the code computes (`validate` checks both);
 *  3. title it from the edit: the diagnostics it removes, never the model's prose.
 * A task the model could not answer is counted as rejected; one notice says why. At most
 * MAX_FIX_TASKS tasks run, in file and line order.
 */
export async function fixDiagnosticsWithModel(params: {
  readonly generator: Generator;
  readonly tasks: readonly FixTask[];
  readonly fileText: (path: string) => string | undefined;
  readonly validate: (fix: Fix, task: FixTask) => ValidationVerdict;
  /** The diagnostics an edit removes (on its lines). */
  readonly removedBy: (fix: Fix) => readonly Diagnostic[];
  readonly maxAttempts: number;
  readonly temperature: number;
  readonly pr?: PullRequestText;
  /** Declarations of the types a task's lines use, from elsewhere (typesForFix); none by default. */
  readonly typesFor?: (task: FixTask) => string;
  readonly signal?: AbortSignal;
  /** Told as each task starts: how many came before, how many run in all, and the task's file. */
  readonly onTask?: (step: { readonly done: number; readonly total: number; readonly path: string }) => void;
}): Promise<ModelFixesResult> {
  const stats: ModelFixStats = { proposed: 0, validatedFirstTime: 0, repaired: 0, rejected: 0 };
  const failures: string[] = [];
  const tasks = params.tasks.slice(0, MAX_FIX_TASKS);
  const results = await mapWithConcurrency(tasks, params.generator.parallelism, async (task, index) => {
    params.onTask?.({ done: index, total: tasks.length, path: task.file.path });
    const fileText = params.fileText(task.file.path);
    if (fileText === undefined) return undefined;
    stats.proposed += 1;
    try {
      const outcome = await runFixTask({
        generator: params.generator,
        task,
        fileText,
        validate: params.validate,
        maxAttempts: params.maxAttempts,
        temperature: params.temperature,
        ...(params.typesFor === undefined ? {} : { typesText: params.typesFor(task) }),
        ...(params.pr === undefined ? {} : { pr: params.pr }),
        ...(params.signal === undefined ? {} : { signal: params.signal }),
      });
      if (outcome.kind === "rejected") {
        stats.rejected += 1;
        return undefined;
      }
      if (outcome.attempts === 1) stats.validatedFirstTime += 1;
      else stats.repaired += 1;
      const target = task.diagnostics[0];
      const removed = params.removedBy(outcome.fix);
      const removes = task.diagnostics.filter((d) => d === target || removed.some((r) => sameDiagnostic(r, d)));
      const fix: Fix = { ...outcome.fix, ...(target === undefined ? {} : { target }), title: `written by the model. ${describeFix(removes)}` };
      return { fix, removes };
    } catch (error) {
      if (params.signal?.aborted === true) throw error;
      stats.rejected += 1;
      failures.push(`${task.file.path}:${task.startLine}: ${(error as Error).message}`);
      return undefined;
    }
  });
  const notices: Notice[] = [];
  if (failures.length > 0) {
    notices.push({ message: `The model could not answer ${failures.length} fix ${failures.length === 1 ? "task" : "tasks"} (first: ${failures[0] ?? ""}); those diagnostics are reported without a suggestion.` });
  }
  if (params.tasks.length > tasks.length) {
    notices.push({ message: `Limit hit: the model was asked to fix the diagnostics of the first ${MAX_FIX_TASKS} of ${params.tasks.length} fix tasks; the others are reported without a model fix.` });
  }
  return { fixes: results.filter((result) => result !== undefined), notices, stats };
}

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return a.path === b.path && a.line === b.line && a.column === b.column && a.source === b.source && a.code === b.code && a.message === b.message;
}
