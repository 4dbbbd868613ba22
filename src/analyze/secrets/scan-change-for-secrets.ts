import type { RepoConfig } from "../../config/repo-config.js";
import { classifyPath, isScriptPath } from "../../diff/classify-path.js";
import { findHunkForRange } from "../../diff/commentable-lines.js";
import type { FileDiff, Finding, Fix, ValidationVerdict } from "../../types.js";
import { findSecrets } from "../find-secrets.js";
import { addedLinesOf, textFromHunks } from "./lines-from-hunks.js";
import { createSecretMask } from "./mask-secrets.js";
import { secretFindings } from "./secret-findings.js";
import type { NumberedLine, SecretHit } from "./secret-hit.js";

/** A file GitHub lists without a patch, read at head (and base) by the caller. */
export interface RecoveredFile {
  /** The head lines not in the base version (see recoverAddedLines), with head line numbers. */
  readonly addedLines: readonly NumberedLine[];
  /** The whole head version, scanned so every secret in it is masked. */
  readonly headText: string;
}

export interface ScanChangeParams {
  readonly diff: readonly FileDiff[];
  readonly config: Pick<RepoConfig, "include" | "ignore">;
  /** The head version of a loaded file (undefined for files not loaded, such as configuration files). */
  readonly headText: (path: string) => string | undefined;
  /** validateEdit on the head workspace. */
  readonly validate: (fix: Fix) => ValidationVerdict;
  /** Whether `process` is declared for a file at head (Workspace.declaresGlobal); undefined when unknown. */
  readonly declaresProcess?: (path: string) => boolean | undefined;
  /**
   * The files with `noPatch` (no hunks) whose added lines were recovered from
   * their base and head text, by path; any other file without hunks is not scanned.
   */
  readonly recovered?: ReadonlyMap<string, RecoveredFile>;
}

export interface ScanChangeResult {
  readonly findings: Finding[];
  /** Files with findings that the engine did not load (not scripts): comments on them need these diffs. */
  readonly extraFiles: FileDiff[];
  /** The new side of such a file as far as its hunks show it. */
  readonly hunkText: (path: string) => string | undefined;
  /**
   * Masks every secret of this change (on added lines, and already in the
   * loaded files) and every secret-shaped string, line by line.
   */
  readonly mask: (text: string) => string;
  readonly proposed: number;
  readonly validated: number;
  readonly rejected: number;
}

/**
 * Credentials in a change:
 *  1. every reviewable file with a patch (configuration files too, not only
 *     code; lockfiles, generated, vendored and ignored files excepted) has its
 *     added lines scanned, and each secret becomes an error finding, with a
 *     validated `process.env` suggestion where one is possible;
 *  2. a file GitHub gave no patch for (too large) is scanned on the lines the
 *     caller recovered from its base and head text: the same errors, never a
 *     suggestion (its lines are in no hunk), so they are listed in the body;
 *  3. the loaded and recovered files are scanned whole, so a secret already in
 *     the code is masked too: `mask` keeps every one out of prompts, comments
 *     and logs. A key block over several lines that has an added line counts
 *     whole (a key rotated in place adds only the lines between its markers).
 */
export function scanChangeForSecrets(params: ScanChangeParams): ScanChangeResult {
  const findings: Finding[] = [];
  const extraFiles: FileDiff[] = [];
  const values = new Set<string>();
  let proposed = 0;
  let validated = 0;
  let rejected = 0;
  for (const file of params.diff) {
    if (file.status === "removed" || file.status === "binary" || !classifyPath(file.path, params.config).review) continue;
    const recovered = file.hunks.length === 0 ? params.recovered?.get(file.path) : undefined;
    if (file.hunks.length === 0 && recovered === undefined) continue;
    const script = isScriptPath(file.path);
    const loaded = params.headText(file.path) ?? recovered?.headText;
    const whole = numbered(loaded ?? textFromHunks(file));
    const wholeHits = findSecrets(whole, { config: !script });
    const result = secretFindings({
      path: file.path,
      lines: withWholeKeyBlocks(recovered ? recovered.addedLines : addedLinesOf(file), whole, wholeHits),
      script,
      inHunk: (start, end) => findHunkForRange(file, start, end) !== undefined,
      ...(loaded === undefined || recovered !== undefined ? {} : { validate: params.validate }),
      ...(script && params.declaresProcess ? { declaresProcess: params.declaresProcess(file.path) } : {}),
    });
    for (const hit of result.hits) values.add(hit.value);
    findings.push(...result.findings);
    proposed += result.proposed;
    validated += result.validated;
    rejected += result.rejected;
    if (result.findings.length > 0 && loaded === undefined) extraFiles.push(file);
    if (loaded !== undefined) for (const hit of wholeHits) values.add(hit.value);
  }
  const texts = new Map(extraFiles.map((file) => [file.path, textFromHunks(file)]));
  return { findings, extraFiles, hunkText: (path) => texts.get(path), mask: createSecretMask(values), proposed, validated, rejected };
}

function numbered(text: string): NumberedLine[] {
  return text.split(/\r?\n/).map((line, index) => ({ line: index + 1, text: line }));
}

/**
 * `added`, plus the other lines of every key block over several lines (found in
 * `whole`, the file's new side) that one of them belongs to: a key replaced in
 * place keeps its BEGIN and END lines, so only its body lines are added.
 */
function withWholeKeyBlocks(added: readonly NumberedLine[], whole: readonly NumberedLine[], hits: readonly SecretHit[]): readonly NumberedLine[] {
  const isAdded = new Set(added.map((entry) => entry.line));
  const extra = new Set<number>();
  for (const hit of hits) {
    const span = Array.from({ length: hit.endLine - hit.line + 1 }, (_, offset) => hit.line + offset);
    if (span.length > 1 && span.some((line) => isAdded.has(line))) for (const line of span) if (!isAdded.has(line)) extra.add(line);
  }
  if (extra.size === 0) return added;
  return [...added, ...whole.filter((entry) => extra.has(entry.line))].sort((a, b) => a.line - b.line);
}
