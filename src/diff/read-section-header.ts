import { parseHunkHeader } from "./parse-hunk-header.js";
import { unquoteGitPath } from "./unquote-git-path.js";

/** What the lines before a section's first hunk say about the file. */
export interface SectionHeader {
  /** Path on the old side; undefined when the file is new (`/dev/null`) or no header names it. */
  readonly oldPath?: string;
  /** Path on the new side; undefined when the file was deleted (`/dev/null`) or no header names it. */
  readonly newPath?: string;
  readonly added: boolean;
  readonly removed: boolean;
  readonly renamed: boolean;
  readonly copied: boolean;
  readonly binary: boolean;
  /** `diff --cc` / `diff --combined` (a merge commit). */
  readonly combined: boolean;
  /** `---`/`+++` lines were present. */
  readonly fileHeaders: boolean;
  /** Index of the first hunk header, or the number of lines when there is none. */
  readonly hunkStart: number;
  /** Index of a non-empty line between `+++` and the first hunk header, which git never writes. */
  readonly strayLine?: number;
}

const DEV_NULL = "/dev/null";

/**
 * Read git's extended header lines (`new file mode`, `rename from`,
 * `Binary files ... differ`, `---`/`+++`, ...) of one section. parse-diff does
 * not know renames or binaries, so these are read here. Lines git may add in
 * future versions are ignored.
 */
export function readSectionHeader(lines: readonly string[]): SectionHeader {
  let gitOld: string | undefined;
  let gitNew: string | undefined;
  let fromLine: string | null | undefined;
  let toLine: string | null | undefined;
  let movedFrom: string | undefined;
  let movedTo: string | undefined;
  let added = false;
  let removed = false;
  let renamed = false;
  let copied = false;
  let binary = false;
  let combined = false;
  let strayLine: number | undefined;
  let hunkStart = lines.length;

  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? "";
    if (parseHunkHeader(line)) {
      hunkStart = index;
      break;
    }
    let match: RegExpExecArray | null;
    if ((match = /^diff --git (.*)$/.exec(line))) {
      const paths = splitGitHeaderPaths(match[1] ?? "");
      gitOld = paths && stripPrefix(paths[0], "a/");
      gitNew = paths && stripPrefix(paths[1], "b/");
    } else if ((match = /^diff --(?:cc|combined) (.*)$/.exec(line))) {
      combined = true;
      gitOld = gitNew = unquoteGitPath(match[1] ?? "");
    } else if (/^new file mode /.test(line)) {
      added = true;
    } else if (/^deleted file mode /.test(line)) {
      removed = true;
    } else if ((match = /^(rename|copy) from (.*)$/.exec(line))) {
      movedFrom = unquoteGitPath(match[2] ?? "");
      if (match[1] === "rename") renamed = true;
      else copied = true;
    } else if ((match = /^(?:rename|copy) to (.*)$/.exec(line))) {
      movedTo = unquoteGitPath(match[1] ?? "");
    } else if (/^Binary files .* differ$/.test(line)) {
      binary = true;
    } else if (line === "GIT binary patch") {
      binary = true;
      break;
    } else if (line.startsWith("--- ") && fromLine === undefined) {
      fromLine = readHeaderPath(line.slice(4), "a/");
    } else if (line.startsWith("+++ ") && toLine === undefined && fromLine !== undefined) {
      toLine = readHeaderPath(line.slice(4), "b/");
    } else if (toLine !== undefined && line !== "" && strayLine === undefined) {
      strayLine = index;
    }
  }

  if (fromLine === null) added = true;
  if (toLine === null) removed = true;
  const oldPath = added ? undefined : (movedFrom ?? fromLine ?? gitOld);
  const newPath = removed ? undefined : (movedTo ?? toLine ?? gitNew);
  return {
    ...(oldPath === undefined ? {} : { oldPath }),
    ...(newPath === undefined ? {} : { newPath }),
    added,
    removed,
    renamed,
    copied,
    binary,
    combined,
    fileHeaders: fromLine !== undefined || toLine !== undefined,
    hunkStart,
    ...(strayLine === undefined ? {} : { strayLine }),
  };
}

/** The path in a `---`/`+++` line, or null for /dev/null. A tab ends the name (git adds one after names with spaces; diff -u puts a timestamp there). */
function readHeaderPath(value: string, prefix: string): string | null {
  const name = value.startsWith('"') ? unquoteGitPath(value.slice(0, closingQuote(value) + 1)) : (value.split("\t")[0] ?? "");
  if (name === DEV_NULL) return null;
  return stripPrefix(name, prefix);
}

/** The two names in `diff --git <old> <new>`, still with their a/ and b/ prefixes. */
function splitGitHeaderPaths(rest: string): [string, string] | undefined {
  if (rest.startsWith('"')) {
    const end = closingQuote(rest);
    if (end < 0) return undefined;
    return [unquoteGitPath(rest.slice(0, end + 1)), unquoteGitPath(rest.slice(end + 2))];
  }
  if (rest.endsWith('"')) {
    const start = rest.indexOf(' "');
    if (start > 0) return [rest.slice(0, start), unquoteGitPath(rest.slice(start + 1))];
  }
  // Without a rename both names are the same, so the line is symmetric around its middle space.
  if (rest.length % 2 === 1) {
    const half = (rest.length - 1) / 2;
    const left = rest.slice(0, half);
    const right = rest.slice(half + 1);
    if (rest.charAt(half) === " " && stripPrefix(left, "a/") === stripPrefix(right, "b/")) return [left, right];
  }
  const split = rest.indexOf(" b/");
  if (split > 0) return [rest.slice(0, split), rest.slice(split + 1)];
  return undefined;
}

/** Index of the quote that closes the quoted string starting at 0, or -1. */
function closingQuote(text: string): number {
  for (let index = 1; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (char === "\\") index += 1;
    else if (char === '"') return index;
  }
  return -1;
}

function stripPrefix(path: string, prefix: string): string {
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}
