import { unwrapFence } from "../answers/unwrap-fence.js";

/**
 * The model's replacement text as an Edit wants it: without a wrapping
 * markdown fence and without one trailing newline.
 */
export function normalizeReplacement(text: string): string {
  return unwrapFence(text).replace(/\r?\n$/, "");
}
