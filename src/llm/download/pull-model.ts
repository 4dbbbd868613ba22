import { existsSync, statSync } from "node:fs";
import { createModelDownloader } from "node-llama-cpp";

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

/**
 * Download a model (`hf:user/repo:quant`, `hf:user/repo/file.gguf` or an
 * http(s) URL) into `cacheDir` with node-llama-cpp's downloader. The partial
 * file of an interrupted download is kept, so the next pull resumes it.
 */
export async function pullModel(params: {
  readonly uri: string;
  readonly cacheDir: string;
  readonly onStart?: (info: { path: string; totalBytes: number; partialBytes: number }) => void;
  readonly onProgress?: (progress: PullProgress) => void;
  readonly signal?: AbortSignal;
}): Promise<PullResult> {
  const downloader = await createModelDownloader({
    modelUri: params.uri,
    dirPath: params.cacheDir,
    deleteTempFileOnCancel: false,
    skipExisting: true,
    ...(params.onProgress === undefined
      ? {}
      : { onProgress: ({ downloadedSize, totalSize }) => params.onProgress?.({ downloadedBytes: downloadedSize, totalBytes: totalSize }) }),
  });
  const path = downloader.entrypointFilePath;
  const totalBytes = downloader.totalSize;
  const partial = `${path}.ipull`;
  const alreadyPresent = existsSync(path) && !existsSync(partial) && statSync(path).size === totalBytes;
  const partialBytes = existsSync(partial) ? Math.min(downloader.downloadedSize, totalBytes) : 0;
  params.onStart?.({ path, totalBytes, partialBytes });
  await downloader.download(params.signal === undefined ? {} : { signal: params.signal });
  return { path, totalBytes, resumedFromBytes: partialBytes, alreadyPresent };
}
