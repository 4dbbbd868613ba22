import { loadRepoConfig } from "../config/load-repo-config.js";
import { InvalidConfigError, type RepoConfig } from "../config/repo-config.js";
import { getPullRequest, type PullRequestInfo } from "../github/get-pull-request.js";
import type { Generator } from "../llm/generator.js";
import { sanitizeModelText } from "../review/sanitize-model-text.js";
import type { CommandContext, CommandResult } from "./command-context.js";
import { MODEL_OFF_MESSAGE, NO_MODEL_MESSAGE } from "./no-model-message.js";

export type ModelCommandSetup =
  | { readonly ok: true; readonly pr: PullRequestInfo; readonly config: RepoConfig; readonly generator: Generator }
  | { readonly ok: false; readonly result: CommandResult };

/**
 * What every model command needs before it starts, or the reply that says
 * what is missing:
 *  1. a model (none configured: say what to set);
 *  2. the pull request, read fresh, and open;
 *  3. the repository's config, valid and with the model switched on.
 */
export async function prepareModelCommand(context: CommandContext): Promise<ModelCommandSetup> {
  const { job, octokit, deps } = context;
  const fail = (body: string): ModelCommandSetup => ({ ok: false, result: { ok: false, body } });

  // 1. The model.
  let generator: Generator | undefined;
  try {
    generator = await deps.getGenerator?.();
  } catch (error) {
    deps.log.error({ err: error, deliveryId: job.deliveryId }, "The model could not be loaded for a command");
    return fail(`The model could not be loaded: ${sanitizeModelText((error as Error).message)} The app's log has the details.`);
  }
  if (generator === undefined) return fail(NO_MODEL_MESSAGE);

  // 2. The pull request.
  const where = { octokit, owner: job.owner, repo: job.repo };
  const pr = await getPullRequest({ ...where, pullNumber: job.pullNumber });
  if (pr.state === "closed") return fail("This pull request is closed; reopen it to use this command.");

  // 3. The config.
  let config: RepoConfig;
  try {
    config = await loadRepoConfig(where);
  } catch (error) {
    if (!(error instanceof InvalidConfigError)) throw error;
    return fail(`${sanitizeModelText(error.message)} Fix the file on the default branch and ask again.`);
  }
  if (!config.checks.model) return fail(MODEL_OFF_MESSAGE);
  return { ok: true, pr, config, generator };
}
