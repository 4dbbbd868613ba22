import type { FileSource, ReadResult } from "../types.js";
import { formatBytes } from "../workspace/decode-file.js";

/** Bytes of file contents one review may read, shared by its base and head snapshots. */
export interface ReadBudget {
  readonly maxBytes: number;
  /** Bytes read so far. */
  readonly used: number;
  /** True once a read was refused for lack of budget. */
  readonly exhausted: boolean;
  /** Charge `bytes`; false (and nothing charged) when they do not fit. */
  take(bytes: number): boolean;
}

export function createReadBudget(maxBytes: number): ReadBudget {
  let used = 0;
  let exhausted = false;
  return {
    maxBytes,
    get used() {
      return used;
    },
    get exhausted() {
      return exhausted;
    },
    take(bytes) {
      if (used + bytes > maxBytes) {
        exhausted = true;
        return false;
      }
      used += bytes;
      return true;
    },
  };
}

/**
 * A FileSource that stops handing out text once the review has read
 * `budget.maxBytes` of it: a file that does not fit comes back "skipped",
 * with a reason that names the limit and the setting.
 */
export function limitFileSource(source: FileSource, budget: ReadBudget): FileSource {
  const refuse = (path: string): ReadResult => ({
    kind: "skipped",
    reason: `${path} was not read: the review reached its limit of ${formatBytes(budget.maxBytes)} of file contents (\`limits.maxTotalBytes\` in .github/patchsmith.yml)`,
  });
  return {
    description: source.description,
    listPaths: () => source.listPaths(),
    async readText(path) {
      if (budget.exhausted) return refuse(path);
      const result = await source.readText(path);
      if (result.kind !== "text") return result;
      return budget.take(Buffer.byteLength(result.text, "utf8")) ? result : refuse(path);
    },
  };
}
