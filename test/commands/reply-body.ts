import type { Sent } from "../helpers/nock-github.js";

const ANSWER_MARKER_AT_END = /\n\n<!-- patchsmith:answer to=(?:issue|review)-\d+ outcome=(?:done|failed) -->$/;

/**
 * The body of the `index`th reply sent, as a person reads it: the hidden
 * answer marker a command's reply ends with (what a restarted command looks
 * for; see test/jobs/command-restart-recovery.test.ts) is taken off.
 */
export function replyBody(sent: Sent, index = 0): string {
  return (sent[index] as { body: string }).body.replace(ANSWER_MARKER_AT_END, "");
}
