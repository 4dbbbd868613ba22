import { InvalidModelOutputError } from "../errors/invalid-model-output-error.js";
import { unwrapFence } from "./unwrap-fence.js";

/** An answer that carries code: the header line before the fence (maybe ""), and the code without its fence. */
export interface CodeAnswer {
  readonly header: string;
  readonly code: string;
}

/**
 * Split a code answer (a header line, then one fenced block) into its parts.
 * Whatever the format the model chose, the code reaches validation bare:
 *  - a header and a fenced block (the asked-for shape; a fence inside the block is removed too);
 *  - a JSON object with the code in a `code` or `replacement` string (the old shape, a server without grammars);
 *  - bare code.
 */
export function parseCodeAnswer(text: string, what: string): CodeAnswer {
  const lines = text.split(/\r?\n/);
  const fence = lines.findIndex((line) => /^\s*```/.test(line));
  if (fence !== -1) {
    return { header: lines.slice(0, fence).join("\n").trim(), code: stripTrailingNewline(unwrapFence(unwrapFence(lines.slice(fence).join("\n")))) };
  }
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      value = undefined;
    }
    if (typeof value === "object" && value !== null) {
      const record = value as Record<string, unknown>;
      const code = typeof record["code"] === "string" ? record["code"] : record["replacement"];
      if (typeof code !== "string") throw new InvalidModelOutputError(`The model's ${what} holds no code: it answered JSON without a fenced block.`);
      return { header: trimmed, code: stripTrailingNewline(unwrapFence(code)) };
    }
  }
  return { header: "", code: stripTrailingNewline(text) };
}

function stripTrailingNewline(text: string): string {
  return text.replace(/\r?\n$/, "");
}
