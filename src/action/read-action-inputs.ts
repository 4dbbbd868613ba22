import { UsageError } from "../cli/cli-io.js";

export interface ActionInputs {
  readonly token: string;
  /** Undefined: the config's failOn. */
  readonly failOn: "error" | "warning" | "never" | undefined;
  /** A patchsmith.yml on the runner, relative to the workspace; undefined: the repository's. */
  readonly configPath: string | undefined;
  /** The environment the model layer reads: each model input that is set, over the job's own PATCHSMITH_* variables. */
  readonly modelEnv: Readonly<Record<string, string | undefined>>;
}

/** action.yml passes each input as INPUT_<NAME>; the model ones map to the model layer's settings. */
const MODEL_INPUTS: Readonly<Record<string, string>> = {
  INPUT_MODEL: "PATCHSMITH_MODEL",
  INPUT_MODEL_DIR: "PATCHSMITH_MODEL_DIR",
  INPUT_GPU: "PATCHSMITH_GPU",
  INPUT_LLM_URL: "PATCHSMITH_LLM_URL",
  INPUT_LLM_MODEL: "PATCHSMITH_LLM_MODEL",
  INPUT_LLM_API_KEY: "PATCHSMITH_LLM_API_KEY",
};

/**
 * The Action's inputs from the environment action.yml sets. An empty input
 * leaves the job's own variable (e.g. PATCHSMITH_MODEL set with `env:`) in
 * force. A bad value throws a UsageError naming the input.
 */
export function readActionInputs(env: Readonly<Record<string, string | undefined>>): ActionInputs {
  const input = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === "" ? undefined : value;
  };
  const token = input("INPUT_GITHUB_TOKEN") ?? input("GITHUB_TOKEN");
  if (token === undefined) {
    throw new UsageError("The github-token input is empty: leave it out to use the workflow's GITHUB_TOKEN, or pass a token that may write pull request reviews.");
  }
  if (/\s/.test(token)) throw new UsageError("The github-token input has a space or line break in it (not repeated here); pass the token alone.");
  const failOn = input("INPUT_FAIL_ON");
  if (failOn !== undefined && failOn !== "error" && failOn !== "warning" && failOn !== "never") {
    throw new UsageError(`The fail-on input is "${failOn}": expected error, warning or never (or leave it out to use the config's failOn).`);
  }
  const modelEnv: Record<string, string | undefined> = { ...env };
  for (const [name, setting] of Object.entries(MODEL_INPUTS)) {
    const value = input(name);
    if (value !== undefined) modelEnv[setting] = value;
  }
  return { token, failOn, configPath: input("INPUT_CONFIG"), modelEnv };
}
