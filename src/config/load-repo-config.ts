import type { ProbotOctokit } from "probot";
import { InvalidConfigError, parseRepoConfig, type RepoConfig } from "./repo-config.js";

export const REPO_CONFIG_PATH = ".github/patchsmith.yml";

type ConfigObject = Record<string, unknown>;

/**
 * Read `.github/patchsmith.yml` the way Probot's `context.config` does (the
 * repository's default branch, then the owner's `.github` repository, with
 * `_extends`, merged deeply) and validate it. A file that is not YAML or does
 * not match the schema throws InvalidConfigError naming the field.
 */
export async function loadRepoConfig(params: {
  readonly octokit: Pick<ProbotOctokit, "config">;
  readonly owner: string;
  readonly repo: string;
}): Promise<RepoConfig> {
  let loaded: ConfigObject;
  try {
    const { config } = await params.octokit.config.get<ConfigObject>({
      owner: params.owner,
      repo: params.repo,
      path: REPO_CONFIG_PATH,
      defaults: (configs) => configs.reduce<ConfigObject>((merged, next) => deepMerge(merged, next), {}),
    });
    loaded = config;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/could not be parsed|Recursion detected|is not support/i.test(message)) {
      throw new InvalidConfigError(`${REPO_CONFIG_PATH} could not be read: ${message.replace(/^\[@probot\/octokit-plugin-config\] /, "")}`, { cause: error });
    }
    throw error;
  }
  return parseRepoConfig(loaded, REPO_CONFIG_PATH);
}

function isPlainObject(value: unknown): value is ConfigObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; anything else (arrays included) from `next` replaces. */
function deepMerge(base: ConfigObject, next: ConfigObject): ConfigObject {
  const out: ConfigObject = { ...base };
  for (const [key, value] of Object.entries(next)) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}
