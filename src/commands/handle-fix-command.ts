import { createSecretMask } from "../analyze/secrets/mask-secrets.js";
import { isScriptPath } from "../diff/classify-path.js";
import { findHunkForRange } from "../diff/commentable-lines.js";
import { createConcurrencyLimit } from "../github/create-concurrency-limit.js";
import { createGitHubFileSource } from "../github/create-github-file-source.js";
import { listPullRequestFiles } from "../github/list-pull-request-files.js";
import { toFileDiffs } from "../github/to-file-diffs.js";
import { settleEdit } from "../llm/findings/settle-edit.js";
import { inlineCode } from "../review/inline-code.js";
import { createReadBudget, limitFileSource } from "../security/limit-file-source.js";
import { maskModelInput } from "../security/mask-model-input.js";
import { screenFindings } from "../security/screen-findings.js";
import { describeFix } from "../review/describe-fix.js";
import { diagnosticsRemovedBy } from "../validate/diagnostics-removed-by.js";
import { validateModelEdit } from "../validate/validate-model-edit.js";
import { prepareEnvironment } from "../environment/prepare-environment.js";
import { buildWorkspace } from "../workspace/build-workspace.js";
import { loadFiles } from "../workspace/load-files.js";
import type { CommandContext, CommandResult } from "./command-context.js";
import { formatThreadComments } from "./format-thread-comments.js";
import { loadCommandThread } from "./load-command-thread.js";
import { prepareModelCommand } from "./prepare-model-command.js";
import { renderFixReply } from "./render-fix-reply.js";

/** What to fix when the command names nothing. */
const DEFAULT_INSTRUCTION = "Fix the problem discussed in this thread (or, if none is named, the diagnostics in the marked lines).";

/**
 * `fix [instruction]` in a line thread:
 *  1. the model, the pull request and the config;
 *  2. the thread: its lines (new side only) and its earlier comments;
 *  3. the file's diff: the lines must be inside one hunk, in a JavaScript or TypeScript file;
 *  4. the file at head in an in-memory workspace (nothing from the repository runs);
 *  5. the model rewrites exactly those lines (the instruction and the thread are untrusted data in the prompt,
 *     secrets masked in everything it is shown), then the repair loop validates with ESLint and TypeScript;
 *  6. a validated edit is screened as review suggestions are (no secret, no marker opener, no new URL,
 *     environment read, network call, subprocess… that the lines did not have: what an injected
 *     instruction to exfiltrate something would need);
 *  7. the reply: a suggestion for the thread's lines, or why there is none.
 * The edit's path and lines come from the thread, never from the comment's text or the model.
 */
export async function handleFixCommand(context: CommandContext): Promise<CommandResult> {
  const { job, octokit, signal, deps } = context;
  const fail = (body: string): CommandResult => ({ ok: false, body });

  // 1. Model, pull request, config.
  const setup = await prepareModelCommand(context);
  if (!setup.ok) return setup.result;
  const { pr, config, generator } = setup;

  // 2. The thread.
  const loaded = await loadCommandThread(context);
  if (!loaded.ok) return loaded.result;
  const { thread } = loaded;
  if (thread.side === "LEFT") return fail("This thread is on removed lines. `fix` rewrites lines of the new version: start a review comment on added or unchanged lines and ask there.");

  // 3. The file's diff.
  const where = { octokit, owner: job.owner, repo: job.repo };
  const listed = await listPullRequestFiles({ ...where, pullNumber: pr.number, changedFiles: pr.changedFiles });
  const file = toFileDiffs(listed.files.filter((f) => f.path === thread.path)).diffs[0];
  if (file === undefined || findHunkForRange(file, thread.startLine, thread.endLine) === undefined) {
    return fail(`The lines of this thread are no longer all inside one changed part of ${inlineCode(thread.path)}, so a suggestion could not be applied. Start a review comment on the current lines and ask there.`);
  }
  if (!isScriptPath(file.path)) {
    return fail(`\`fix\` works on JavaScript and TypeScript files, whose edits patchsmith can check with ESLint and TypeScript; ${inlineCode(file.path)} is not one.`);
  }
  signal.throwIfAborted();

  // 4. The workspace at head.
  const source = createGitHubFileSource({ ...where, sha: pr.headSha, maxBytes: config.maxFileBytes, limit: createConcurrencyLimit(deps.fetchConcurrency) });
  const files = await loadFiles({ source: limitFileSource(source, createReadBudget(config.limits.maxTotalBytes)), seeds: [file.path] });
  const unreadable = files.skipped.find((s) => s.path === file.path);
  if (!files.files.has(file.path)) return fail(`${inlineCode(file.path)} could not be read at ${pr.headSha.slice(0, 7)}${unreadable === undefined ? "" : `: ${unreadable.reason}`}.`);
  const prepared = await prepareEnvironment({ loaded: files, ...(deps.environment ? { provider: deps.environment } : {}), signal });
  const { workspace } = buildWorkspace({ loaded: files, config, changed: [file.path], ...(prepared.environment ? { environment: prepared.environment } : {}) });
  try {
    const mask = createSecretMask([]);
    const hide = maskModelInput(mask);
    const fileText = workspace.getText(file.path) ?? "";
    const shownText = hide.text(fileText) ?? "";
    const pointedAt = workspace.diagnose(file.path).filter((d) => d.line <= thread.endLine && d.endLine >= thread.startLine);
    const diagnostics = hide.diagnostics(pointedAt);
    const instruction = mask(
      [
        `The reviewer's instruction: ${job.command.args === "" ? DEFAULT_INSTRUCTION : job.command.args}`,
        ...(thread.earlier.length > 0 ? [`Earlier comments in this thread, oldest first:\n${formatThreadComments(thread.earlier)}`] : []),
      ].join("\n\n"),
    );
    const prText = hide.pr({ title: pr.title, body: pr.body });

    // 5. The model's edit, through the repair loop.
    const first = await generator.fixRange(
      { path: file.path, startLine: thread.startLine, endLine: thread.endLine, fileText: shownText, instruction, diagnostics, pr: prText },
      { signal, temperature: config.model.temperature },
    );
    const outcome = await settleEdit({
      generator,
      file,
      edit: { path: file.path, startLine: thread.startLine, endLine: thread.endLine, replacement: first.replacement, ...(first.replacement === "" ? { deletion: true } : {}) },
      title: "Fix asked for in this thread",
      problem: instruction,
      fileText: shownText,
      diagnostics,
      pr: prText,
      validate: (fix) => hide.verdict(validateModelEdit(workspace, fix, pointedAt)),
      maxAttempts: config.model.maxAttempts,
      signal,
    });
    deps.log.info(
      { deliveryId: job.deliveryId, path: file.path, outcome: outcome.kind, attempts: outcome.attempts },
      `fix on ${job.owner}/${job.repo}#${job.pullNumber} ${file.path}:${thread.startLine}-${thread.endLine}: ${outcome.kind} after ${outcome.attempts} attempt(s)`,
    );

    // 6. The screen.
    if (outcome.kind === "validated") {
      const screened = screenFindings({
        findings: [{ path: file.path, startLine: thread.startLine, line: thread.endLine, severity: "info", rule: "model/fix", message: "", suggestion: outcome.fix }],
        headText: () => fileText,
        mask,
      });
      if (screened.withheld > 0) {
        const why = screened.findings[0]?.advice ?? "it did not pass the safety screen.";
        return fail(`The fix for ${inlineCode(file.path)} passed ESLint and TypeScript, but it is not posted. ${why}`);
      }
    }

    // 7. The reply.
    return renderFixReply({
      outcome,
      path: file.path,
      startLine: thread.startLine,
      endLine: thread.endLine,
      ...(outcome.kind === "validated" ? { effect: describeFix(diagnosticsRemovedBy(workspace, outcome.fix)) } : {}),
      context: { owner: job.owner, repo: job.repo },
    });
  } finally {
    workspace.dispose();
  }
}
