import { parseEnv } from "node:util";

/**
 * The environment with the settings of a `.env` file's text laid over it, as
 * Probot reads them (a `.env` value wins). Undefined text: no `.env` file.
 */
export function withDotEnv(env: Readonly<Record<string, string | undefined>>, dotEnvText: string | undefined): Record<string, string | undefined> {
  return dotEnvText === undefined ? { ...env } : { ...env, ...parseEnv(dotEnvText) };
}
