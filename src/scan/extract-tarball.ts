import { constants } from "node:fs";
import { mkdir, open } from "node:fs/promises";
import path from "node:path";
import { Parser, type ReadEntry } from "tar";
import { formatBytes } from "../workspace/decode-file.js";
import { archivePath } from "./archive-path.js";
import { ScanLimitError } from "./scan-limit-error.js";

export interface ExtractLimits {
  /** Bytes read from the input (the gzipped archive). */
  readonly maxTarballBytes: number;
  /** Bytes the entries may hold in all, by their headers, checked before any is written. */
  readonly maxExtractedBytes: number;
  /** Entries of any kind (files, folders, links). */
  readonly maxFiles: number;
}

export interface ExtractedTree {
  /** Regular files written. */
  readonly files: number;
  /** Bytes written. */
  readonly bytes: number;
  /** Entries not written, with why (links, devices, unsafe paths). */
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
  /** Paths written with an executable bit (kept when a fix commits the file again). */
  readonly executables: ReadonlySet<string>;
}

const FILE_TYPES = new Set(["File", "OldFile", "ContiguousFile"]);
const WRITE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW;

/**
 * Unpack a GitHub repository archive (a gzipped tar) into `dir`, which must
 * be new and empty, streaming and within limits:
 *  1. count the bytes read and stop past `maxTarballBytes`;
 *  2. for each entry, count it and its declared size, and stop past
 *     `maxFiles` or `maxExtractedBytes` before anything of it is written;
 *  3. write regular files and folders only, under the archive's top folder
 *     stripped; links, devices and unsafe paths (absolute, `..`) are skipped
 *     and listed; files are opened with O_NOFOLLOW and nothing is chmod'ed,
 *     chown'ed or executed.
 * Throws ScanLimitError naming the limit; the partial tree is the caller's to remove.
 */
export async function extractTarball(params: {
  readonly input: AsyncIterable<Uint8Array>;
  readonly dir: string;
  readonly limits: ExtractLimits;
  /** Content-Length, when the server sent one: refused at once when over the limit. */
  readonly declaredBytes?: number;
  readonly signal?: AbortSignal;
}): Promise<ExtractedTree> {
  const { limits } = params;
  const root = path.resolve(params.dir);
  const tooBig = (size: number): ScanLimitError =>
    new ScanLimitError(
      `The repository archive is ${size > limits.maxTarballBytes ? "over" : "at"} the ${formatBytes(limits.maxTarballBytes)} download limit (PATCHSMITH_SCAN_MAX_TARBALL_BYTES), so it was refused and nothing was analysed; raise the limit to scan this repository.`,
    );
  if (params.declaredBytes !== undefined && params.declaredBytes > limits.maxTarballBytes) throw tooBig(params.declaredBytes);

  await mkdir(root, { recursive: true });
  // The ratio check is ours (maxExtractedBytes, by declared sizes); tar's own would refuse very compressible repositories.
  const parser = new Parser({ strict: false, maxDecompressionRatio: Number.MAX_SAFE_INTEGER });
  const skipped: { path: string; reason: string }[] = [];
  const executables = new Set<string>();
  const pending: Promise<void>[] = [];
  let failure: Error | undefined;
  let entries = 0;
  let declared = 0;
  let files = 0;
  let written = 0;

  // Entries being written: once the parser is aborted they get no more data, so they are ended here.
  const writing = new Set<ReadEntry>();
  const fail = (error: Error): void => {
    if (failure !== undefined) return;
    failure = error;
    parser.abort(error);
    for (const entry of writing) entry.destroy();
  };
  const finished = new Promise<void>((resolve) => {
    parser.on("end", () => {
      resolve();
    });
    parser.on("abort", () => {
      resolve();
    });
    parser.on("error", (error: Error) => {
      fail(error);
      resolve();
    });
  });
  parser.on("warn", (code: string, message: string | Error) => {
    if (code === "TAR_BAD_ARCHIVE") fail(new Error(`What GitHub sent is not a tar archive (${typeof message === "string" ? message : message.message}); try the scan again later.`));
  });

  const writeFile = async (entry: ReadEntry, relative: string): Promise<void> => {
    const full = path.join(root, relative);
    let handle;
    try {
      await mkdir(path.dirname(full), { recursive: true });
      handle = await open(full, WRITE_FLAGS, 0o644);
    } catch (error) {
      skipped.push({ path: relative, reason: `could not be written (${(error as NodeJS.ErrnoException).code ?? "error"})` });
      entry.resume();
      return;
    }
    writing.add(entry);
    try {
      for await (const chunk of entry as AsyncIterable<Buffer>) {
        written += chunk.length;
        if (written > limits.maxExtractedBytes) throw extractedLimit();
        await handle.write(chunk);
        // Stopped meanwhile: the entry gets no more data (it was destroyed while no read was waiting).
        if (failure !== undefined) return;
      }
      files++;
      if ((entry.mode ?? 0) & 0o111) executables.add(relative);
    } finally {
      writing.delete(entry);
      await handle.close();
    }
  };
  const extractedLimit = (): ScanLimitError =>
    new ScanLimitError(
      `The repository archive expands to more than ${formatBytes(limits.maxExtractedBytes)} (PATCHSMITH_SCAN_MAX_EXTRACTED_BYTES), so it was refused and nothing was analysed; raise the limit to scan this repository.`,
    );

  parser.on("entry", (entry: ReadEntry) => {
    if (failure !== undefined) {
      entry.resume();
      return;
    }
    entries++;
    declared += entry.size;
    if (entries > limits.maxFiles) {
      fail(new ScanLimitError(`The repository archive has more than ${limits.maxFiles.toLocaleString("en-US")} files (PATCHSMITH_SCAN_MAX_FILES), so it was refused and nothing was analysed; raise the limit to scan this repository.`));
      entry.resume();
      return;
    }
    if (declared > limits.maxExtractedBytes) {
      fail(extractedLimit());
      entry.resume();
      return;
    }
    const relative = archivePath(entry.path);
    if (relative === undefined) {
      skipped.push({ path: entry.path, reason: "unsafe path in the archive (absolute or with ..); not extracted" });
      entry.resume();
      return;
    }
    if (relative === "" || entry.type === "Directory") {
      // Folders are made as their files need them, so nothing on disk comes from a folder entry.
      entry.resume();
      return;
    }
    if (!FILE_TYPES.has(entry.type)) {
      const what = entry.type === "SymbolicLink" ? "a symbolic link" : entry.type === "Link" ? "a hard link" : `a ${entry.type} entry`;
      skipped.push({ path: relative, reason: `${what}; links are not followed and only regular files are scanned` });
      entry.resume();
      return;
    }
    pending.push(
      writeFile(entry, relative).catch((error: unknown) => {
        fail(error instanceof Error ? error : new Error(String(error)));
        entry.resume();
      }),
    );
  });

  let read = 0;
  try {
    for await (const chunk of params.input) {
      params.signal?.throwIfAborted();
      if (failure !== undefined) break;
      read += chunk.byteLength;
      if (read > limits.maxTarballBytes) {
        fail(tooBig(read));
        break;
      }
      if (!parser.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))) await drained(parser);
    }
    if (failure === undefined) parser.end();
    await finished;
  } catch (error) {
    fail(error instanceof Error ? error : new Error(String(error)));
  }
  await Promise.allSettled(pending);
  if (failure !== undefined) throw failure;
  return { files, bytes: written, skipped, executables };
}

/** Resolves when the parser wants more input, or gave up. */
function drained(parser: Parser): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      parser.off("drain", done);
      parser.off("abort", done);
      resolve();
    };
    parser.on("drain", done);
    parser.on("abort", done);
  });
}
