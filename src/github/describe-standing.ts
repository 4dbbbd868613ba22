import { inlineCode } from "../review/inline-code.js";
import type { StandingFile } from "../review/markers.js";

/**
 * The findings standing at a head in words, for the check run:
 * "2 errors, 1 warning in `src/a.ts`, `src/b.ts`", or "none". At most five files are named.
 */
export function describeStanding(files: readonly StandingFile[]): string {
  const total = (key: "error" | "warning" | "info"): number => files.reduce((sum, f) => sum + f[key], 0);
  const counts = (
    [
      ["error", total("error")],
      ["warning", total("warning")],
      ["info", total("info")],
    ] as const
  )
    .filter(([, n]) => n > 0)
    .map(([word, n]) => `${n} ${word}${n === 1 || word === "info" ? "" : "s"}`);
  if (counts.length === 0) return "none";
  const named = files.slice(0, 5).map((f) => inlineCode(f.path));
  return `${counts.join(", ")} in ${named.join(", ")}${files.length > 5 ? ` and ${files.length - 5} more ${files.length - 5 === 1 ? "file" : "files"}` : ""}`;
}
