import type { PrefixPart } from "../transport.js";

/** A file shown before the one scored (a module it imports): its path and text. */
export interface ContextFile {
  readonly path: string;
  readonly text: string;
}

/**
 * The prefix a code model continues when its likelihood of a line is read:
 * the repository-level format code models are trained on (Qwen2.5-Coder's
 * `<|repo_name|>` and `<|file_sep|>` markers), the modules the file imports
 * first, then the file up to the line. No instruction is given and nothing
 * is generated, so the repository's text cannot steer an answer; its text
 * is never read as markers (PrefixPart.marker).
 */
export function likelihoodPrefix(params: { readonly context: readonly ContextFile[]; readonly path: string; readonly textBefore: string }): PrefixPart[] {
  const parts: PrefixPart[] = [{ text: "<|repo_name|>", marker: true }, { text: "repository\n" }];
  for (const file of params.context) {
    parts.push({ text: "<|file_sep|>", marker: true }, { text: `${file.path}\n${file.text.endsWith("\n") ? file.text : `${file.text}\n`}` });
  }
  parts.push({ text: "<|file_sep|>", marker: true }, { text: `${params.path}\n${params.textBefore}` });
  return parts;
}
