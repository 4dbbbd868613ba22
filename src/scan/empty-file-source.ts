import type { FileSource } from "../types.js";

/** A snapshot with no files: the "before" side of a whole-project scan, so every diagnostic counts. */
export function emptyFileSource(description = "empty"): FileSource {
  return {
    description,
    listPaths: () => Promise.resolve([]),
    readText: () => Promise.resolve({ kind: "missing" }),
  };
}
