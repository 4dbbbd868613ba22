/** The review body's closing line ("---" then the model used), which the tests section goes before. */
const FOOTER = "\n\n---\nModel: ";

/** The review body with the unit-test section (if any) placed before its closing "Model:" line, or at the end when there is none. */
export function addTestsSection(body: string, section: string): string {
  if (section === "") return body;
  const at = body.lastIndexOf(FOOTER);
  if (at === -1) return `${body.trimEnd()}\n\n${section}`;
  return `${body.slice(0, at)}\n\n${section}${body.slice(at)}`;
}
