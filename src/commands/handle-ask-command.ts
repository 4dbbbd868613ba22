import { createSecretMask } from "../analyze/secrets/mask-secrets.js";
import { listPullRequestFiles } from "../github/list-pull-request-files.js";
import { toFileDiffs } from "../github/to-file-diffs.js";
import { maskModelInput } from "../security/mask-model-input.js";
import type { CommandContext, CommandResult } from "./command-context.js";
import { prepareModelCommand } from "./prepare-model-command.js";
import { renderAnswerReply } from "./render-answer-reply.js";

/**
 * `ask <question>`, in the conversation or a line thread:
 *  1. a question at all (else say how to ask);
 *  2. the model, the pull request and the config;
 *  3. the pull request's diff;
 *  4. the model answers from the diff (the question is untrusted data; no URL or path in it is fetched;
 *     secrets are masked in all it is shown);
 *  5. the reply, sanitised.
 */
export async function handleAskCommand(context: CommandContext): Promise<CommandResult> {
  const { job, octokit, signal } = context;

  // 1. The question.
  const question = job.command.args;
  if (question === "") return { ok: false, body: "Write the question after `ask`, for example `/patchsmith ask why is the cache cleared before the retry?`" };

  // 2. Model, pull request, config.
  const setup = await prepareModelCommand(context);
  if (!setup.ok) return setup.result;
  const { pr, config, generator } = setup;

  // 3. The diff.
  const listed = await listPullRequestFiles({ octokit, owner: job.owner, repo: job.repo, pullNumber: pr.number, changedFiles: pr.changedFiles });
  const { diffs } = toFileDiffs(listed.files);
  signal.throwIfAborted();

  // 4. The model; in a line thread the answer knows where it was asked.
  const comment = job.comment;
  const anchor = comment.kind === "review" && comment.line !== null && comment.side === "RIGHT" ? { path: comment.path, line: comment.line } : undefined;
  const mask = createSecretMask([]);
  const hide = maskModelInput(mask);
  const files = hide.diff(diffs.filter((f) => f.hunks.length > 0)).map((f) => ({ path: f.path, hunks: f.hunks }));
  if (anchor !== undefined) files.sort((a, b) => Number(b.path === anchor.path) - Number(a.path === anchor.path));
  const answer = await generator.answerQuestion(
    { question: mask(question), pr: hide.pr(pr), files, ...(anchor === undefined ? {} : { anchor }) },
    { signal, temperature: config.model.temperature },
  );

  // 5. The reply.
  return { ok: true, body: renderAnswerReply({ answer, paths: new Set(diffs.map((f) => f.path)), context: { owner: job.owner, repo: job.repo } }) };
}
