import { chooseDefaultModel, type DefaultModelChoice } from "../llm/choose-default-model.js";
import { createGenerator } from "../llm/create-generator.js";
import { loadLlama } from "../llm/llama/load-llama.js";
import { readHardware } from "../llm/llama/read-hardware.js";
import { readLlmSettings } from "../llm/read-llm-settings.js";
import { modelCacheDir } from "../llm/model-cache-dir.js";
import { parseArgs } from "node:util";
import { type CliIo, EXIT, UsageError } from "./cli-io.js";
import { MODEL_INFO_USAGE, runModelInfo } from "./model-info.js";
import { MODEL_PULL_USAGE, runModelPull } from "./model-pull.js";
import { readPackageVersion } from "./read-package-version.js";
import type { CliDeps } from "./run-cli.js";

/**
 * The real dependencies of the CLI: the model backends, the model commands and the version.
 * `log`: where the model code's warnings go (the model server's address and
 * errors, kept out of the review itself); none by default.
 */
export function createCliDeps(log?: { write(text: string): unknown }): CliDeps {
  const llmLog = log === undefined ? undefined : { info: () => undefined, warn: (message: string) => log.write(`patchsmith: ${message}\n`) };
  return {
    createModel: ({ env, config }) => createGenerator({ env, config, ...(llmLog === undefined ? {} : { log: llmLog }) }),
    modelPull: async (args, io) => {
      if (args.includes("--help") || args.includes("-h")) return usage(io, MODEL_PULL_USAGE);
      const { positionals } = parseArgs({ args: [...args], options: {}, strict: true, allowPositionals: true });
      if (positionals.length > 1) throw new UsageError(`model pull takes one URI at most, got ${positionals.length}: ${positionals.join(" ")}.`);
      const [uri] = positionals;
      return runModelPull({ ...(uri === undefined ? {} : { uri }), chooseModel: () => chooseModelHere(io.env), cacheDir: modelCacheDir(io.env), out: io.stderr });
    },
    modelInfo: async (args, io) => {
      if (args.includes("--help") || args.includes("-h")) return usage(io, MODEL_INFO_USAGE);
      const { positionals } = parseArgs({ args: [...args], options: {}, strict: true, allowPositionals: true });
      if (positionals.length > 1) throw new UsageError(`model info takes one model at most, got ${positionals.length}: ${positionals.join(" ")}.`);
      const [model] = positionals;
      return runModelInfo({ env: io.env, out: io.stdout, cwd: io.cwd, ...(model === undefined ? {} : { model }) });
    },
    version: readPackageVersion(),
  };
}

function usage(io: CliIo, text: string): Promise<number> {
  io.stdout.write(text);
  return Promise.resolve(EXIT.ok);
}

/** The default model for this machine's GPU (as PATCHSMITH_GPU selects it); the small one when the GPU cannot be read. */
async function chooseModelHere(env: CliIo["env"]): Promise<DefaultModelChoice> {
  try {
    const { llama } = await loadLlama({ gpu: readLlmSettings(env).gpu });
    return chooseDefaultModel(await readHardware(llama));
  } catch (error) {
    const small = chooseDefaultModel({ gpu: false, vramTotal: 0, vramFree: 0 });
    return { ...small, reason: `the GPU could not be read (${(error as Error).message})` };
  }
}
