import type { Hunk } from "../../types.js";

const COMMENT = /^(?:\/\/|\/\*|\*\/?|<!--)/;
const IMPORT_START = /^(?:import\b|export\s+(?:type\s+)?(?:\*|\{[^}]*\}?)\s*(?:from\b|$)|export\s*\{)/;
const FROM = /\bfrom\s*["'][^"']+["']\s*;?$|^import\s*["'][^"']+["']\s*;?$/;

/**
 * Whether a hunk gives the model anything to review: an added line that is
 * not blank, a comment, an import or re-export, or the same text as a line
 * the hunk deleted (a formatting change). A hunk of only such lines costs
 * prompt tokens (seconds on a CPU) and has no behaviour to find fault with;
 * deleted code alone is not reviewed either.
 */
export function worthReviewing(hunk: Hunk): boolean {
  const deleted = new Set(hunk.lines.filter((line) => line.kind === "del").map((line) => normalise(line.content)));
  let inImport = false;
  for (const line of hunk.lines) {
    if (line.kind !== "add") continue;
    const text = line.content.trim();
    if (inImport) {
      if (FROM.test(text) || /^\}\s*from\b/.test(text)) inImport = false;
      continue;
    }
    if (text === "" || COMMENT.test(text)) continue;
    if (IMPORT_START.test(text)) {
      if (!FROM.test(text) && !/^import\s*["']/.test(text) && !/\}\s*;?$/.test(text)) inImport = true;
      continue;
    }
    if (deleted.has(normalise(line.content))) continue;
    return true;
  }
  return false;
}

function normalise(text: string): string {
  return text.replace(/\s+/g, "").replace(/;$/, "").replace(/,$/, "").replace(/'/g, '"');
}
