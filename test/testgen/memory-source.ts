import type { FileSource } from "../../src/types.js";

/** A FileSource over an object of path → text. */
export function memorySource(files: Readonly<Record<string, string>>): FileSource {
  return {
    description: "memory",
    readText: (path) => Promise.resolve(path in files ? { kind: "text", text: files[path] ?? "" } : { kind: "missing" }),
    listPaths: () => Promise.resolve(Object.keys(files)),
  };
}
