import type { CliIo } from "../../src/cli/cli-io.js";
import type { CliDeps } from "../../src/cli/run-cli.js";

export interface CapturedIo extends CliIo {
  stdoutText(): string;
  stderrText(): string;
}

/**
 * A CliIo that records what a command printed; the environment is empty unless given,
 * but for PATCHSMITH_TYPES=off (no registry, no cache on disk) unless a test sets it.
 */
export function captureIo(cwd: string, env: Record<string, string | undefined> = {}): CapturedIo {
  let out = "";
  let err = "";
  return {
    env: { PATCHSMITH_TYPES: "off", ...env },
    cwd,
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    stdoutText: () => out,
    stderrText: () => err,
  };
}

/** CLI dependencies with no model configured. */
export const noModelDeps: CliDeps = {
  createModel: () => Promise.resolve({ notice: "No model configured (set PATCHSMITH_MODEL or PATCHSMITH_LLM_URL): only deterministic checks ran." }),
  modelPull: () => Promise.resolve(2),
  modelInfo: () => Promise.resolve(2),
  version: "9.9.9-test",
};
