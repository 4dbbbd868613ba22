import { createSecretMask } from "../analyze/secrets/mask-secrets.js";
import { listPullRequestFiles } from "../github/list-pull-request-files.js";
import { toFileDiffs } from "../github/to-file-diffs.js";
import { inlineCode } from "../review/inline-code.js";
import { maskModelInput } from "../security/mask-model-input.js";
import type { CommandContext, CommandResult } from "./command-context.js";
import { formatThreadComments } from "./format-thread-comments.js";
import { loadCommandThread } from "./load-command-thread.js";
import { prepareModelCommand } from "./prepare-model-command.js";
import { renderAnswerReply } from "./render-answer-reply.js";
import { threadCode } from "./thread-code.js";

/**
 * `explain` in a line thread:
 *  1. the model, the pull request and the config;
 *  2. the thread: its lines and its earlier comments;
 *  3. the pull request's diff, and the thread's code read from it;
 *  4. the model explains that code (the code, the thread and any words after `explain` are untrusted data;
 *     secrets are masked in all it is shown);
 *  5. the reply, sanitised.
 */
export async function handleExplainCommand(context: CommandContext): Promise<CommandResult> {
  const { job, octokit, signal } = context;

  // 1. Model, pull request, config.
  const setup = await prepareModelCommand(context);
  if (!setup.ok) return setup.result;
  const { pr, config, generator } = setup;

  // 2. The thread.
  const loaded = await loadCommandThread(context);
  if (!loaded.ok) return loaded.result;
  const { thread } = loaded;

  // 3. The diff and the thread's code.
  const listed = await listPullRequestFiles({ octokit, owner: job.owner, repo: job.repo, pullNumber: pr.number, changedFiles: pr.changedFiles });
  const { diffs } = toFileDiffs(listed.files);
  const file = diffs.find((f) => f.path === thread.path);
  const code = file === undefined ? undefined : threadCode(file, thread);
  if (file === undefined || code === undefined) {
    return { ok: false, body: `The lines of this thread are no longer in the diff of ${inlineCode(thread.path)}. Start a review comment on the current lines and ask there.` };
  }
  signal.throwIfAborted();

  // 4. The model.
  const lines = thread.startLine === thread.endLine ? `line ${thread.startLine}` : `lines ${thread.startLine}-${thread.endLine}`;
  const version = thread.side === "RIGHT" ? "new" : "old (removed)";
  const question = [
    `Explain what this code does (${lines} of the ${version} version of ${thread.path}), and anything a reviewer should know about it.`,
    code,
    ...(job.command.args === "" ? [] : [`The reviewer adds: ${job.command.args}`]),
    ...(thread.earlier.length > 0 ? [`Earlier comments in this thread, oldest first:\n${formatThreadComments(thread.earlier)}`] : []),
  ].join("\n\n");
  const mask = createSecretMask([]);
  const hide = maskModelInput(mask);
  const answer = await generator.answerQuestion(
    {
      question: mask(question),
      pr: hide.pr(pr),
      files: hide.diff([file, ...diffs.filter((f) => f !== file)].filter((f) => f.hunks.length > 0)).map((f) => ({ path: f.path, hunks: f.hunks })),
      anchor: { path: thread.path, line: thread.endLine },
    },
    { signal, temperature: config.model.temperature },
  );

  // 5. The reply.
  return { ok: true, body: renderAnswerReply({ answer, paths: new Set(diffs.map((f) => f.path)), context: { owner: job.owner, repo: job.repo } }) };
}
