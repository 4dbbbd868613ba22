import { untrustedBlock } from "./untrusted-block.js";

/** A path made only of the characters paths are usually made of, short enough to read at a glance. */
const ORDINARY = /^[A-Za-z0-9._@+/-]{1,200}$/;

/**
 * A file path as a prompt shows it outside the data blocks. Paths come from
 * the pull request: one with spaces, newlines, quotes, backticks or other
 * unusual characters (room for a sentence, or for closing the code span and
 * writing instructions) goes in its own untrusted-data block instead.
 */
export function promptPath(path: string): string {
  return ORDINARY.test(path) ? `\`${path}\`` : `the file whose path is in this block\n${untrustedBlock("path", path)}\n`;
}
