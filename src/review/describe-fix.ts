import type { Diagnostic } from "../types.js";

/**
 * What a model's validated edit does, said from the edit itself (never from
 * the model's explanation): the diagnostics it removes, by rule and message.
 */
export function describeFix(removed: readonly Diagnostic[]): string {
  if (removed.length === 0) return "It removes no ESLint or TypeScript diagnostic; ESLint and TypeScript find nothing new after it.";
  const named = removed.slice(0, 3).map((d) => `\`${d.code}\` on line ${d.line} (${d.message.replace(/\s+/g, " ")})`);
  const more = removed.length > 3 ? ` and ${removed.length - 3} more` : "";
  return `It removes ${named.join(", ")}${more}, and ESLint and TypeScript find nothing new after it.`;
}
