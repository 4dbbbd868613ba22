import { formatDiagnostics } from "../prompts/format-diagnostics.js";
import type { Diagnostic, Fix, ValidationVerdict } from "../../types.js";
import type { Generator, PullRequestText } from "../generator.js";
import { normalizeReplacement } from "./normalize-replacement.js";
import type { FixTask } from "./plan-fix-tasks.js";
import { settleEdit, type EditOutcome } from "./settle-edit.js";

/**
 * One fix task: ask the model to rewrite the task's lines so that its
 * diagnostics go away, then run the answer through the repair loop. Every
 * attempt is validated with the task's first diagnostic as the target (it must
 * be gone) and the task's diagnostics as what the edit may change.
 */
export async function runFixTask(params: {
  readonly generator: Generator;
  readonly task: FixTask;
  /** The file as the model may see it (secrets masked). */
  readonly fileText: string;
  readonly validate: (fix: Fix, task: FixTask) => ValidationVerdict;
  readonly maxAttempts: number;
  readonly temperature: number;
  readonly pr?: PullRequestText;
  /** Declarations of the types the task's lines use, from elsewhere (typesForFix). */
  readonly typesText?: string;
  readonly signal?: AbortSignal;
}): Promise<EditOutcome> {
  const { task, generator } = params;
  const path = task.file.path;
  // The diagnostics are the instruction; they are not repeated as a second block of the prompt.
  const instruction = `Fix ${task.diagnostics.length === 1 ? "this error" : "these errors"}:\n${formatDiagnostics(task.diagnostics)}`;
  const options = { temperature: params.temperature, ...(params.signal === undefined ? {} : { signal: params.signal }) };
  const diagnostics: readonly Diagnostic[] = [];
  const types = params.typesText === undefined || params.typesText === "" ? {} : { typesText: params.typesText };
  const first = await generator.fixRange({ path, startLine: task.startLine, endLine: task.endLine, fileText: params.fileText, instruction, diagnostics, ...types, ...(params.pr === undefined ? {} : { pr: params.pr }) }, options);
  const replacement = normalizeReplacement(first.replacement);
  return settleEdit({
    generator,
    file: task.file,
    edit: { path, startLine: task.startLine, endLine: task.endLine, replacement },
    title: "",
    problem: instruction,
    fileText: params.fileText,
    diagnostics,
    validate: (fix) => params.validate(fix, task),
    maxAttempts: params.maxAttempts,
    keepUnansweredLines: true,
    ...types,
    ...(params.pr === undefined ? {} : { pr: params.pr }),
    ...(params.signal === undefined ? {} : { signal: params.signal }),
  });
}
