import { parseUnifiedDiff } from "../../src/diff/parse-unified-diff.js";
import type { FileDiff, FileSource } from "../../src/types.js";

/** A FileSource over literal files (path → text). */
export function memorySource(files: Record<string, string>): FileSource {
  return {
    description: "memory",
    readText: (p) => Promise.resolve(p in files ? { kind: "text", text: files[p] ?? "" } : { kind: "missing" }),
    listPaths: () => Promise.resolve(Object.keys(files)),
  };
}

/** The diff of a file the change adds with `text`. */
export function addedFileDiff(filePath: string, text: string): FileDiff[] {
  const lines = text.replace(/\n$/, "").split("\n");
  return parseUnifiedDiff([`diff --git a/${filePath} b/${filePath}`, "new file mode 100644", "--- /dev/null", `+++ b/${filePath}`, `@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`), ""].join("\n")).files;
}
