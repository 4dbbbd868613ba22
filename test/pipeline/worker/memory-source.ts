import type { FileSource } from "../../../src/types.js";

export type RecordingSource = FileSource & { readonly calls: string[] };

/** `source`, recording every call made to it, in order. */
export function recordCalls(source: FileSource): RecordingSource {
  const calls: string[] = [];
  return {
    description: source.description,
    calls,
    readText: (path) => {
      calls.push(`readText ${path}`);
      return source.readText(path);
    },
    listPaths: () => {
      calls.push("listPaths");
      return source.listPaths();
    },
  };
}

/** A FileSource over files in memory that records every call made to it. */
export function memorySource(files: Readonly<Record<string, string>>, description = "memory"): RecordingSource {
  return recordCalls({
    description,
    readText: (path) => {
      const text = files[path];
      return Promise.resolve(text === undefined ? { kind: "missing" } : { kind: "text", text });
    },
    listPaths: () => Promise.resolve(Object.keys(files)),
  });
}
