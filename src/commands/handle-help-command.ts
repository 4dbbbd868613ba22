import { loadRepoConfig } from "../config/load-repo-config.js";
import { InvalidConfigError } from "../config/repo-config.js";
import { isReviewPaused } from "../github/is-review-paused.js";
import type { CommandContext, CommandResult } from "./command-context.js";
import { renderHelp, type HelpParams } from "./render-help.js";

/**
 * `help` (and any unknown command), open to anyone: the commands, and the
 * app's settings for this repository (its config, the model, whether reviews
 * of this pull request are paused). The model's short name is shown, never
 * where it runs.
 */
export async function handleHelpCommand(context: CommandContext): Promise<CommandResult> {
  const { job, octokit, deps } = context;
  const where = { octokit, owner: job.owner, repo: job.repo };
  const [config, paused, model, appSlug] = await Promise.all([
    loadRepoConfig(where).then(
      (value): HelpParams["config"] => ({ ok: true, value }),
      (error: unknown): HelpParams["config"] => {
        if (error instanceof InvalidConfigError) return { ok: false, message: error.message };
        throw error;
      },
    ),
    isReviewPaused({ ...where, pullNumber: job.pullNumber }),
    (deps.getGenerator?.() ?? Promise.resolve(undefined)).then(
      (generator) => generator?.name,
      () => "(failed to load; see the app's log)",
    ),
    (deps.getAppSlug?.() ?? Promise.resolve(undefined)).catch(() => undefined),
  ]);
  const body = renderHelp({
    config,
    paused,
    ...(model === undefined ? {} : { model }),
    ...(appSlug === undefined ? {} : { appSlug }),
    ...(job.command.unknown === undefined ? {} : { unknown: job.command.unknown }),
  });
  return { ok: job.command.unknown === undefined, body };
}
