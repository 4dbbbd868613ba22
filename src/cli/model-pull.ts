import { DEFAULT_MODEL_URI } from "../llm/default-model.js";
import { renderProgressBar } from "../llm/download/render-progress-bar.js";
import { pullModel } from "../llm/download/pull-model.js";
import { formatBytes } from "../llm/format-bytes.js";

export const MODEL_PULL_USAGE = `Usage: patchsmith model pull [URI]

Downloads a GGUF model into the model cache (PATCHSMITH_MODEL_DIR, default
~/.cache/patchsmith/models) with a progress bar. An interrupted download
resumes where it stopped when the same command is run again.
  URI   hf:user/repo:quant, hf:user/repo/file.gguf or an https:// URL
        (default: ${DEFAULT_MODEL_URI})
`;

export interface ModelPullParams {
  /** What to download; the default code model when absent. */
  readonly uri?: string;
  /** Where models are kept (see modelCacheDir). */
  readonly cacheDir: string;
  /** Progress and result; a TTY gets one redrawn line, anything else a line every 10%. */
  readonly out: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly signal?: AbortSignal;
}

/**
 * `patchsmith model pull [URI]`: download a model with a progress bar.
 * Returns the exit code: 0 when the file is complete, 1 when the download failed.
 */
export async function runModelPull(params: ModelPullParams): Promise<number> {
  const uri = params.uri ?? DEFAULT_MODEL_URI;
  const { out } = params;
  const tty = out.isTTY === true;
  let lastDecile = -1;
  // Mutated from the progress callback, so kept in an object (flow analysis cannot see callbacks).
  const bar = { drawn: false };
  try {
    const result = await pullModel({
      uri,
      cacheDir: params.cacheDir,
      ...(params.signal === undefined ? {} : { signal: params.signal }),
      onStart: ({ path, totalBytes, partialBytes }) => {
        out.write(`Downloading ${uri}\n  to ${path} (${formatBytes(totalBytes)})\n`);
        if (partialBytes > 0) out.write(`  resuming an interrupted download: ${formatBytes(partialBytes)} already here\n`);
      },
      onProgress: ({ downloadedBytes, totalBytes }) => {
        if (tty) {
          out.write(`\r${renderProgressBar(downloadedBytes, totalBytes)}`);
          bar.drawn = true;
          return;
        }
        const decile = totalBytes > 0 ? Math.floor((downloadedBytes / totalBytes) * 10) : 0;
        if (decile === lastDecile) return;
        lastDecile = decile;
        out.write(`${renderProgressBar(downloadedBytes, totalBytes)}\n`);
      },
    });
    if (bar.drawn) out.write("\n");
    out.write(result.alreadyPresent ? `Already downloaded: ${result.path}\n` : `Saved ${formatBytes(result.totalBytes)} to ${result.path}\n`);
    out.write(`Use it with: PATCHSMITH_MODEL=${result.path}\n`);
    return 0;
  } catch (error) {
    if (bar.drawn) out.write("\n");
    const why = params.signal?.aborted === true ? "the download was interrupted" : (error as Error).message;
    out.write(`patchsmith model pull: could not download ${uri}: ${why}. Run the same command again to resume.\n`);
    return 1;
  }
}
