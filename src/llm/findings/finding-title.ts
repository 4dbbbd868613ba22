/** A short suggestion title from a finding's message: its first sentence, at most 80 characters. */
export function findingTitle(message: string): string {
  const firstLine = message.trim().split(/\r?\n/)[0] ?? "";
  const sentence = /^(.+?[.!?])(?:\s|$)/.exec(firstLine)?.[1] ?? firstLine;
  return sentence.length > 80 ? `${sentence.slice(0, 79)}…` : sentence || "Suggested change";
}
