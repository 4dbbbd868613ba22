import { existsSync, statSync } from "node:fs";
import { createModelDownloader, type ModelDownloader } from "node-llama-cpp";
import { rejectOnAbort } from "../../time/reject-on-abort.js";
import { withinMs } from "../../time/within-ms.js";
import { ModelPullError } from "./model-pull-error.js";

export interface PullProgress {
  readonly downloadedBytes: number;
  readonly totalBytes: number;
}

export interface PullResult {
  readonly path: string;
  readonly totalBytes: number;
  /** Bytes of an interrupted earlier download that were kept (0 for a fresh start). */
  readonly resumedFromBytes: number;
  /** The file was there already and complete. */
  readonly alreadyPresent: boolean;
}

/** How long a pull waits, and how often it says it is still waiting. */
export interface PullLimits {
  /** Longest wait for the server to describe the file (size, name), its retries included. */
  readonly answerMs: number;
  /** Longest time without a byte in the middle of a download. */
  readonly stallMs: number;
  /** How often to say that the server has not answered yet. */
  readonly noticeMs: number;
}

export const DEFAULT_PULL_LIMITS: PullLimits = { answerMs: 60_000, stallMs: 120_000, noticeMs: 10_000 };

/**
 * Download a model (`hf:user/repo:quant`, `hf:user/repo/file.gguf` or an
 * http(s) URL) into `cacheDir` with node-llama-cpp's downloader. The partial
 * file of an interrupted download is kept, so the next pull resumes it.
 * Every wait has a limit (`limits`): a server that never answers, or stops
 * sending, ends the pull with a ModelPullError saying which; so do a 404 and a
 * refused request, which no retry would fix.
 */
export async function pullModel(params: {
  readonly uri: string;
  readonly cacheDir: string;
  readonly onStart?: (info: { path: string; totalBytes: number; partialBytes: number }) => void;
  readonly onProgress?: (progress: PullProgress) => void;
  /** Called every `noticeMs` while the server has not answered yet. */
  readonly onWaiting?: (info: { waitedMs: number; limitMs: number }) => void;
  readonly signal?: AbortSignal;
  readonly limits?: PullLimits;
}): Promise<PullResult> {
  const limits = params.limits ?? DEFAULT_PULL_LIMITS;
  const stall = createStallWatch(limits.stallMs);
  const created = createModelDownloader({
    modelUri: params.uri,
    dirPath: params.cacheDir,
    deleteTempFileOnCancel: false,
    skipExisting: true,
    onProgress: ({ downloadedSize, totalSize }) => {
      stall.touch(downloadedSize);
      params.onProgress?.({ downloadedBytes: downloadedSize, totalBytes: totalSize });
    },
  });
  const downloader = await withinAnswerLimit(created, params.uri, limits, params.onWaiting);
  const path = downloader.entrypointFilePath;
  const totalBytes = downloader.totalSize;
  const partial = `${path}.ipull`;
  const alreadyPresent = existsSync(path) && !existsSync(partial) && statSync(path).size === totalBytes;
  const partialBytes = existsSync(partial) ? Math.min(downloader.downloadedSize, totalBytes) : 0;
  params.onStart?.({ path, totalBytes, partialBytes });
  const signal = params.signal === undefined ? stall.signal : AbortSignal.any([params.signal, stall.signal]);
  stall.start();
  try {
    // Raced with the signal: the downloader does not always end when aborted.
    await Promise.race([downloader.download({ signal }), rejectOnAbort(signal)]);
  } catch (error) {
    if (!stall.signal.aborted) throw classify(error, params.uri);
  } finally {
    stall.stop();
  }
  // The downloader may end quietly when aborted: a stalled download is not a finished one.
  if (stall.signal.aborted) {
    throw new ModelPullError("stalled", `no data came from ${hostOf(params.uri)} for ${seconds(limits.stallMs)}`);
  }
  return { path, totalBytes, resumedFromBytes: partialBytes, alreadyPresent };
}

/** The downloader once the server has described the file, or a ModelPullError when it did not within `answerMs`. */
async function withinAnswerLimit(
  created: Promise<ModelDownloader>,
  uri: string,
  limits: PullLimits,
  onWaiting: ((info: { waitedMs: number; limitMs: number }) => void) | undefined,
): Promise<ModelDownloader> {
  // The downloader's own retries go on after the limit; their outcome is no longer wanted.
  created.catch(() => undefined);
  let waitedMs = 0;
  const notices = setInterval(() => {
    waitedMs += limits.noticeMs;
    if (waitedMs < limits.answerMs) onWaiting?.({ waitedMs, limitMs: limits.answerMs });
  }, limits.noticeMs);
  try {
    return await withinMs(created, limits.answerMs, () => {
      throw new ModelPullError("no-answer", `${hostOf(uri)} did not answer within ${seconds(limits.answerMs)}`);
    });
  } catch (error) {
    throw classify(error, uri);
  } finally {
    clearInterval(notices);
  }
}

/** A ModelPullError for what the downloader threw: its HTTP status when it has one. */
function classify(error: unknown, uri: string): unknown {
  if (error instanceof ModelPullError) return error;
  const status: unknown = error instanceof Error ? Reflect.get(error, "statusCode") : undefined;
  const host = hostOf(uri);
  if (status === 404 || status === 410) return new ModelPullError("not-found", `${host} has no such file (${String(status)})`, { status, cause: error });
  if (status === 401 || status === 403) return new ModelPullError("refused", `${host} refused the download (${String(status)}): the file needs a token or access to its repository`, { status, cause: error });
  if (typeof status === "number") return new ModelPullError("failed", `${host} answered ${String(status)}`, { status, cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new ModelPullError("failed", message, { cause: error });
}

/** An abort signal that fires when no byte came (`touch` with more bytes) for `ms` between `start` and `stop`. */
function createStallWatch(ms: number): { signal: AbortSignal; start(): void; touch(bytes: number): void; stop(): void } {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  // Progress is reported on a timer too, with the same count while nothing comes.
  let seen = -1;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      controller.abort(new Error("stalled"));
    }, ms);
  };
  return {
    signal: controller.signal,
    start: () => {
      running = true;
      arm();
    },
    touch: (bytes) => {
      if (bytes <= seen) return;
      seen = bytes;
      if (running) arm();
    },
    stop: () => {
      running = false;
      clearTimeout(timer);
    },
  };
}

function hostOf(uri: string): string {
  if (uri.startsWith("hf:")) return "Hugging Face";
  try {
    return new URL(uri).host;
  } catch {
    return uri;
  }
}

function seconds(ms: number): string {
  return ms >= 1_000 && ms % 1_000 === 0 ? `${String(ms / 1_000)} s` : `${String(ms)} ms`;
}
