/**
 * The model's replacement text as an Edit wants it: without a wrapping
 * markdown fence and without one trailing newline.
 */
export function normalizeReplacement(text: string): string {
  let result = text;
  const fenced = /^```[^\n]*\r?\n([\s\S]*?)\r?\n?```\s*$/.exec(result);
  if (fenced?.[1] !== undefined) result = fenced[1];
  return result.replace(/\r?\n$/, "");
}
