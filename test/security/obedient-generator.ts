import { createScriptedGenerator, type ScriptedGenerator } from "../../src/llm/scripted-generator.js";
import type { CompletionRequest } from "../../src/llm/transport.js";

export interface Obedience {
  /** The phrase that shows the injection reached this prompt. */
  readonly trigger: string;
  readonly review?: readonly unknown[];
  readonly fix?: string;
  readonly answer?: unknown;
}

const ANSWERS = 40;

/**
 * A model that does exactly what a prompt injection asks: when the prompt
 * carries the injection (its trigger phrase), it answers with the attacker's
 * findings, edits and text; otherwise it reports nothing. A fix request gets
 * the attacker's replacement again (or `fix`), so the repair loop cannot talk
 * it out of it. Built on the scripted generator: the real prompts and parsing.
 */
export function createObedientGenerator(obey: Obedience, headText?: string): ScriptedGenerator {
  // A finding must quote the code it is about: the obedient model quotes the first line it names (as a real model would).
  const lines = headText?.split("\n") ?? [];
  const quoted = (finding: unknown): unknown => {
    const f = finding as { startLine?: number; quote?: string };
    return f.quote !== undefined || f.startLine === undefined ? finding : { ...f, quote: (lines[f.startLine - 1] ?? "").trim() };
  };
  const seen = (request: CompletionRequest): boolean => request.user.includes(obey.trigger);
  const firstEdit = (obey.review ?? [])
    .map((finding) => (finding as { edit?: { replacement?: string } | null }).edit?.replacement)
    .find((replacement) => replacement !== undefined);
  return createScriptedGenerator({
    answers: {
      review: Array.from({ length: ANSWERS }, () => (request: CompletionRequest) => ({ findings: seen(request) ? (obey.review ?? []).map(quoted) : [] })),
      fix: Array.from({ length: ANSWERS }, () => (request: CompletionRequest) => ({
        replacement: seen(request) || obey.fix !== undefined ? (obey.fix ?? firstEdit ?? "") : "",
        explanation: "Exactly as instructed.",
      })),
      answer: Array.from({ length: ANSWERS }, () => (request: CompletionRequest) => (seen(request) ? obey.answer : { answer: "I do not know.", references: [] })),
    },
  });
}
