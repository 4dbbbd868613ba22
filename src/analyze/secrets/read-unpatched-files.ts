import type { RepoConfig } from "../../config/repo-config.js";
import { classifyPath } from "../../diff/classify-path.js";
import type { FileDiff, FileSource, Notice, ReadResult } from "../../types.js";
import { hasBinaryExtension } from "./has-binary-extension.js";
import { recoverAddedLines } from "./recover-added-lines.js";
import type { RecoveredFile } from "./scan-change-for-secrets.js";
import { mapLimit } from "../../workspace/map-limit.js";

export interface ReadUnpatchedFilesParams {
  readonly diff: readonly FileDiff[];
  readonly config: Pick<RepoConfig, "include" | "ignore">;
  /** The head snapshot, already behind the review's read limits (limitFileSource). */
  readonly head: FileSource;
  /** The base snapshot, behind the same limits. */
  readonly base: FileSource;
  /** Text the review already loaded, so it is not read (and charged) twice. */
  readonly loadedHead?: (path: string) => string | undefined;
  readonly loadedBase?: (path: string) => string | undefined;
  readonly signal?: AbortSignal;
  /** Files read at once (default 8). */
  readonly concurrency?: number;
}

export interface ReadUnpatchedFilesResult {
  /** By path: the lines each file added, recovered from its two versions, and its head text. */
  readonly recovered: Map<string, RecoveredFile>;
  /** One per file that could not be read, naming it and why. */
  readonly notices: Notice[];
}

/**
 * What every FileSource says of a binary file (decodeFile): GitHub lists
 * binaries without a patch too, and there is no text in them to scan.
 */
const BINARY_REASON = "is a binary file; only text files are reviewed";

type Outcome = { readonly kind: "recovered"; readonly file: RecoveredFile } | { readonly kind: "notice"; readonly why: string } | { readonly kind: "none" };

/**
 * The changed files GitHub lists without a patch (too large for it to show)
 * that secrets are looked for in (reviewable code and configuration files,
 * not removed, not binary), read at head and at base through the review's
 * sources. A file with no base version (added, or not found there) has every
 * line new; a copy is compared with the file it was copied from. A file that
 * cannot be read gets a notice instead; a binary one is passed over quietly.
 */
export async function readUnpatchedFiles(params: ReadUnpatchedFilesParams): Promise<ReadUnpatchedFilesResult> {
  const files = params.diff.filter((file) => file.noPatch && file.status !== "removed" && file.status !== "binary" && !hasBinaryExtension(file.path) && classifyPath(file.path, params.config).review);
  const outcomes = await mapLimit(files, params.concurrency ?? 8, (file) => {
    params.signal?.throwIfAborted();
    return readOne(params, file);
  });
  const recovered = new Map<string, RecoveredFile>();
  const notices: Notice[] = [];
  files.forEach((file, index) => {
    const outcome = outcomes[index];
    if (outcome?.kind === "recovered") recovered.set(file.path, outcome.file);
    else if (outcome?.kind === "notice") notices.push({ path: file.path, message: `Secrets were not looked for in ${file.path}: GitHub shows no diff for it, and ${outcome.why}. Check it for credentials locally.` });
  });
  return { recovered, notices };
}

async function readOne(params: ReadUnpatchedFilesParams, file: FileDiff): Promise<Outcome> {
  const head = await readOrReuse(params.head, file.path, params.loadedHead);
  if (head.kind === "missing") return { kind: "notice", why: "it is not in the head revision" };
  if (head.kind === "skipped") return head.reason.endsWith(BINARY_REASON) ? { kind: "none" } : { kind: "notice", why: `its head version could not be read (${head.reason})` };
  // A copy ("added" with an old path) is compared with the file it was copied from, as GitHub's patch would be.
  const basePath = file.oldPath ?? (file.status === "added" ? undefined : file.path);
  const base = basePath === undefined ? undefined : await readOrReuse(params.base, basePath, params.loadedBase);
  if (base?.kind === "skipped") return { kind: "notice", why: `its base version could not be read to tell its new lines from its old ones (${base.reason})` };
  return { kind: "recovered", file: { addedLines: recoverAddedLines(head.text, base?.kind === "text" ? base.text : undefined), headText: head.text } };
}

async function readOrReuse(source: FileSource, path: string, loaded: ((path: string) => string | undefined) | undefined): Promise<ReadResult> {
  const text = loaded?.(path);
  return text === undefined ? source.readText(path) : { kind: "text", text };
}
