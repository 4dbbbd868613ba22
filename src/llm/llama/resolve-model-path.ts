import { existsSync } from "node:fs";
import path from "node:path";
import { resolveModelFile } from "node-llama-cpp";
import { ModelLoadError } from "../errors/model-load-error.js";
import type { LlmLog } from "../llm-log.js";

/** True for `hf:…`, `https://…` and `http://…`: a model to resolve (and download) rather than a local path. */
export function isModelUri(model: string): boolean {
  return /^(?:hf:|https?:\/\/)/i.test(model);
}

/**
 * The local file of the configured model. A URI is resolved with
 * node-llama-cpp's resolver into `cacheDir` (downloading it the first time,
 * with progress in the log, unless `download` is false); a path must exist.
 */
export async function resolveModelPath(params: {
  readonly model: string;
  readonly cacheDir: string;
  readonly cwd?: string;
  readonly download?: boolean;
  readonly log?: LlmLog;
  readonly signal?: AbortSignal;
}): Promise<string> {
  if (!isModelUri(params.model)) {
    const resolved = path.resolve(params.cwd ?? process.cwd(), params.model);
    if (!existsSync(resolved)) {
      throw new ModelLoadError(
        `Model file ${resolved} does not exist. Set PATCHSMITH_MODEL to a .gguf file or an hf: URI, or download one with \`patchsmith model pull\`.`,
      );
    }
    return resolved;
  }
  let lastReported = -1;
  try {
    return await resolveModelFile(params.model, {
      directory: params.cacheDir,
      download: params.download === false ? false : "auto",
      cli: false,
      deleteTempFileOnCancel: false,
      ...(params.signal === undefined ? {} : { signal: params.signal }),
      onProgress: ({ totalSize, downloadedSize }) => {
        const percent = totalSize > 0 ? Math.floor((downloadedSize / totalSize) * 10) * 10 : 0;
        if (percent === lastReported) return;
        lastReported = percent;
        params.log?.info(`Downloading ${params.model}: ${percent}% of ${(totalSize / 1e9).toFixed(2)} GB into ${params.cacheDir}`);
      },
    });
  } catch (error) {
    const how = params.download === false ? `it is not in ${params.cacheDir} yet; run \`patchsmith model pull ${params.model}\`` : (error as Error).message;
    throw new ModelLoadError(`Model ${params.model} could not be resolved: ${how}.`, { cause: error });
  }
}
