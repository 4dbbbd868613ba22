import type { DefaultModelChoice } from "../llm/choose-default-model.js";
import { DEFAULT_MODEL_URI, DEFAULT_MODEL_VRAM_BYTES, SMALL_MODEL_URI } from "../llm/default-model.js";
import { renderProgressBar } from "../llm/download/render-progress-bar.js";
import { ModelPullError } from "../llm/download/model-pull-error.js";
import { pullModel, type PullLimits } from "../llm/download/pull-model.js";
import { formatBytes } from "../llm/format-bytes.js";

export const MODEL_PULL_USAGE = `Usage: patchsmith model pull [URI]

Downloads a GGUF model into the model cache (PATCHSMITH_MODEL_DIR, default
~/.cache/patchsmith/models) with a progress bar. An interrupted download
resumes where it stopped when the same command is run again. A server that
does not answer within 60 s, or sends nothing for 120 s, ends the pull.
  URI   hf:user/repo:quant, hf:user/repo/file.gguf or an https:// URL
        (default: chosen for this machine: on a GPU with ${formatBytes(DEFAULT_MODEL_VRAM_BYTES)} free
        ${DEFAULT_MODEL_URI},
        otherwise ${SMALL_MODEL_URI};
        \`patchsmith model info\` says which and why)
`;

export interface ModelPullParams {
  /** What to download; when absent, the model `chooseModel` picks for this machine. */
  readonly uri?: string;
  /** The default model for this machine (see chooseDefaultModel); without it, the 7B. */
  readonly chooseModel?: () => Promise<DefaultModelChoice>;
  /** Where models are kept (see modelCacheDir). */
  readonly cacheDir: string;
  /** Progress and result; a TTY gets one redrawn line, anything else a line every 10%. */
  readonly out: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly signal?: AbortSignal;
  /** Time limits (default: DEFAULT_PULL_LIMITS); tests pass short ones. */
  readonly limits?: PullLimits;
}

/**
 * `patchsmith model pull [URI]`: download a model with a progress bar.
 * Returns the exit code: 0 when the file is complete, 1 when the download failed,
 * with one line saying why and what to do (running it again only where that helps).
 */
export async function runModelPull(params: ModelPullParams): Promise<number> {
  const { out } = params;
  let uri = params.uri ?? DEFAULT_MODEL_URI;
  if (params.uri === undefined && params.chooseModel !== undefined) {
    const choice = await params.chooseModel();
    uri = choice.uri;
    out.write(`No model named: taking ${choice.label}, because ${choice.reason}.\n`);
  }
  const tty = out.isTTY === true;
  let lastDecile = -1;
  // Mutated from the progress callback, so kept in an object (flow analysis cannot see callbacks).
  const bar = { drawn: false, started: false };
  try {
    const result = await pullModel({
      uri,
      cacheDir: params.cacheDir,
      ...(params.signal === undefined ? {} : { signal: params.signal }),
      ...(params.limits === undefined ? {} : { limits: params.limits }),
      onWaiting: ({ waitedMs, limitMs }) => {
        out.write(`  no answer yet from the server (${seconds(waitedMs)} of ${seconds(limitMs)}); still trying\n`);
      },
      onStart: ({ path, totalBytes, partialBytes }) => {
        bar.started = true;
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
    out.write(`patchsmith model pull: could not download ${uri}: ${explain(error, { interrupted: params.signal?.aborted === true, started: bar.started })}\n`);
    return 1;
  }
}

/** Why the pull stopped and what to do; "run again" only where running again can help. */
function explain(error: unknown, state: { readonly interrupted: boolean; readonly started: boolean }): string {
  const again = state.started ? "Run the same command again to resume (the partial file is kept)." : "Run the same command again to retry.";
  if (state.interrupted) return `the download was interrupted. ${again}`;
  if (!(error instanceof ModelPullError)) return `${(error as Error).message}. ${again}`;
  switch (error.kind) {
    case "not-found":
      return `${error.message}. Check the URI: hf:user/repo:quant, hf:user/repo/file.gguf or an https:// URL to a .gguf file.`;
    case "refused":
      return `${error.message}. For a gated Hugging Face model, accept its terms on the model's page and set HF_TOKEN.`;
    case "no-answer":
      return `${error.message}. Check the URL, the network and any proxy; then ${again.charAt(0).toLowerCase()}${again.slice(1)}`;
    case "stalled":
    case "failed":
      return `${error.message}. ${again}`;
  }
}

function seconds(ms: number): string {
  return `${ms % 1000 === 0 ? String(ms / 1000) : (ms / 1000).toFixed(1)} s`;
}
