import { constants, type Dirent } from "node:fs";
import { open, readdir } from "node:fs/promises";
import path from "node:path";
import type { FileSource, ReadResult } from "../types.js";
import { decodeFile, oversize } from "../workspace/decode-file.js";

export interface DirectoryFileSource extends FileSource {
  /** Entries found but not offered as files: symbolic links, devices, sockets (never followed). */
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
  /** True when the walk stopped at `maxFiles`. */
  readonly capped: boolean;
}

/** Folders never walked: git's own data, and installed dependencies (never ours to review). */
const SKIPPED_FOLDERS = new Set([".git", "node_modules"]);

/**
 * A local folder as a FileSource (a `patchsmith scan` checkout, or an
 * extracted archive). The folder is walked once, without following symbolic
 * links (a link is listed as skipped, never read, so nothing outside the
 * folder can be reached through one); only the regular files found can be
 * read, each opened with O_NOFOLLOW and decoded with the same rules as every
 * other source (size limit, binary, UTF-8).
 */
export async function createDirectoryFileSource(params: {
  readonly dir: string;
  readonly maxBytes: number;
  /** Stop listing after this many files. */
  readonly maxFiles: number;
  readonly label?: string;
}): Promise<DirectoryFileSource> {
  const root = path.resolve(params.dir);
  const files = new Set<string>();
  const skipped: { path: string; reason: string }[] = [];
  let capped = false;

  const folders: string[] = [""];
  while (folders.length > 0 && !capped) {
    const folder = folders.shift() ?? "";
    let entries: Dirent[];
    try {
      entries = await readdir(path.join(root, folder), { withFileTypes: true });
    } catch (error) {
      if (folder === "") throw new Error(`Cannot read the folder ${root}: ${(error as Error).message}. Pass a folder that exists and can be read.`, { cause: error });
      skipped.push({ path: folder, reason: `folder could not be read (${(error as NodeJS.ErrnoException).code ?? "error"})` });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const relative = folder === "" ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) folders.push(relative);
      } else if (entry.isFile()) {
        if (files.size >= params.maxFiles) {
          capped = true;
          break;
        }
        files.add(relative);
      } else {
        skipped.push({ path: relative, reason: entry.isSymbolicLink() ? "a symbolic link; links are not followed" : "not a regular file" });
      }
    }
  }
  const paths = [...files].sort();

  return {
    description: params.label ?? `dir:${root}`,
    skipped,
    capped,
    listPaths: () => Promise.resolve(paths),
    async readText(file): Promise<ReadResult> {
      if (!files.has(file)) return { kind: "missing" };
      let handle;
      try {
        handle = await open(path.join(root, file), constants.O_RDONLY | constants.O_NOFOLLOW);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT") return { kind: "missing" };
        return { kind: "skipped", reason: `${file} could not be read (${code ?? "error"}); it was left out` };
      }
      try {
        const stat = await handle.stat();
        if (!stat.isFile()) return { kind: "skipped", reason: `${file} is not a regular file; it was left out` };
        if (stat.size > params.maxBytes) return oversize(file, stat.size, params.maxBytes);
        return decodeFile(file, await handle.readFile(), params.maxBytes);
      } finally {
        await handle.close();
      }
    },
  };
}
