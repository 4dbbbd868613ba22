/** Folders and their entries, built once from a snapshot's paths (repository-relative, forward slashes). */
export interface PathIndex {
  /** True when `dir` ("" for the root) holds at least one path. */
  hasDirectory(dir: string): boolean;
  /** Base names of the files and folders directly inside `dir`. */
  entries(dir: string): { readonly files: readonly string[]; readonly directories: readonly string[] };
}

/** Index `paths` by folder, so include/exclude globs and directory probes need no file system. */
export function createPathIndex(paths: Iterable<string>): PathIndex {
  const folders = new Map<string, { files: string[]; directories: Set<string> }>();
  const folder = (dir: string) => {
    let entry = folders.get(dir);
    if (!entry) {
      entry = { files: [], directories: new Set() };
      folders.set(dir, entry);
    }
    return entry;
  };
  folder("");
  for (const path of paths) {
    const parts = path.split("/");
    let dir = "";
    for (let i = 0; i < parts.length - 1; i++) {
      const name = parts[i] ?? "";
      const child = dir === "" ? name : `${dir}/${name}`;
      folder(dir).directories.add(name);
      folder(child);
      dir = child;
    }
    folder(dir).files.push(parts[parts.length - 1] ?? "");
  }
  return {
    hasDirectory: (dir) => folders.has(dir),
    entries(dir) {
      const entry = folders.get(dir);
      return entry ? { files: entry.files, directories: [...entry.directories] } : { files: [], directories: [] };
    },
  };
}
