import { createSecretMask } from "../analyze/secrets/mask-secrets.js";
import type { CommandContext, CommandResult } from "./command-context.js";
import { prepareModelCommand } from "./prepare-model-command.js";
import { commitTestFiles } from "../github/commit-test-files.js";
import { createConcurrencyLimit } from "../github/create-concurrency-limit.js";
import { createGitHubFileSource } from "../github/create-github-file-source.js";
import { listPullRequestFiles } from "../github/list-pull-request-files.js";
import { toFileDiffs } from "../github/to-file-diffs.js";
import { inlineCode } from "../review/inline-code.js";
import { renderTestsPullRequestBody } from "../testgen/render-tests-pull-request-body.js";
import { renderTestsSection } from "../testgen/render-tests-section.js";
import { reviewMissingTests } from "../testgen/review-missing-tests.js";
import { testableFiles } from "../testgen/testable-files.js";

/**
 * `/patchsmith tests [path or symbol]` and `/patchsmith tests commit [path or symbol]`:
 *  1. the model, the pull request and the config (without a model, say what to set, before reading anything);
 *  2. the pull request's changed files and its head, through the GitHub API;
 *  3. the unit-test step: untested exports (only those matching the argument,
 *     when there is one), tests written by the model and validated;
 *  4. `tests`: reply with the untested exports and the proposed files;
 *     `tests commit`: push the files to `patchsmith/tests-<n>` and open (or
 *     update) a pull request into the head branch, and reply with its link.
 * Tests are not run here: command jobs do not carry the operator's `tests.run` setting.
 */
export async function handleTestsCommand(context: CommandContext): Promise<CommandResult> {
  const { job, octokit, signal, deps } = context;

  // 1. Model, pull request, config.
  const setup = await prepareModelCommand(context);
  if (!setup.ok) return setup.result;
  const { pr, config, generator } = setup;
  if (!config.checks.tests) {
    return { ok: false, body: "Unit tests are switched off for this repository (`checks.tests: false` in `.github/patchsmith.yml`). Set `checks.tests: true` on the default branch to use `tests`." };
  }
  const words = job.command.args.trim();
  const commit = /^commit\b/i.test(words);
  const only = (commit ? words.replace(/^commit\b/i, "") : words).trim();

  // 2. Files.
  const where = { octokit, owner: job.owner, repo: job.repo };
  const listed = await listPullRequestFiles({ ...where, pullNumber: pr.number, changedFiles: pr.changedFiles });
  const diff = testableFiles(toFileDiffs(listed.files).diffs, config);
  const head = createGitHubFileSource({ ...where, sha: pr.headSha, maxBytes: config.maxFileBytes, limit: createConcurrencyLimit(deps.fetchConcurrency) });
  signal.throwIfAborted();

  // 3. The unit-test step.
  const report = await reviewMissingTests({
    head,
    diff,
    headText: () => undefined,
    config,
    generator,
    mask: createSecretMask([]),
    suggest: false,
    ...(only === "" ? {} : { only }),
    signal,
  });
  const sha = pr.headSha.slice(0, 7);
  deps.log.info(
    { deliveryId: job.deliveryId, untested: report.untested.length, written: report.tests.length, rejected: report.rejected.length },
    `tests on ${job.owner}/${job.repo}#${pr.number}: ${report.untested.length} untested, ${report.tests.length} written`,
  );
  if (report.untested.length === 0) {
    return only === ""
      ? { ok: true, body: `Every export this pull request adds or changes is used by a test (at ${sha}); there is nothing to write.` }
      : { ok: false, body: `Nothing untested that this pull request adds or changes matches ${inlineCode(only)} (at ${sha}). \`/patchsmith tests\` lists everything untested.` };
  }
  const section = renderTestsSection(report, { repo: { owner: job.owner, name: job.repo } });

  // 4. Reply, or commit.
  if (!commit) return { ok: report.tests.length > 0, body: `Unit tests for ${sha}:\n\n${section}` };
  if (report.tests.length === 0) return { ok: false, body: `No test passed validation, so nothing was committed.\n\n${section}` };
  const outcome = await commitTestFiles({
    ...where,
    pullNumber: pr.number,
    files: report.tests.map((test) => ({ path: test.path, content: test.content })),
    body: renderTestsPullRequestBody({ report, pullNumber: pr.number, headSha: pr.headSha, repo: { owner: job.owner, name: job.repo } }),
  });
  if (outcome.kind !== "committed") return { ok: false, body: outcome.message };
  const files = report.tests.map((test) => inlineCode(test.path)).join(", ");
  const verb = outcome.created ? "opened" : "updated";
  return {
    ok: true,
    body: `Pushed ${files} to ${inlineCode(outcome.branch)} (on ${sha}) and ${verb} #${outcome.pullRequest.number} into this pull request's branch. Merge it to add the tests.`,
  };
}
