const FIRST_LINES = 3;
const MAX_REASONS = 6;
const MAX_LINE = 160;

/**
 * The reasons a model's code was rejected, said so the model can see what it
 * did wrong: the first lines of what it sent (a fence, a JSON wrapper or a
 * file path there is then plain to see), and each error with the line it
 * points at. `path` is the name the reasons use for the file (`path:line:col`);
 * `file` is the file those line numbers count in, when it is more than what
 * the model sent (a fix's lines patched into their file).
 */
export function explainRejection(params: {
  readonly sent: string;
  readonly file?: string;
  readonly reasons: readonly string[];
  readonly path: string;
  /** Whether to show the first lines sent (false where the prompt shows all of it anyway, as a fix's rejected lines). Default true. */
  readonly showStart?: boolean;
}): string[] {
  const lines = (params.file ?? params.sent).split(/\r?\n/);
  const cut = (text: string): string => (text.length > MAX_LINE ? `${text.slice(0, MAX_LINE)}…` : text);
  const shown = (n: number): string => cut(lines[n - 1] ?? "");
  const first = params.sent.split(/\r?\n/).slice(0, FIRST_LINES).map((text, index) => `${index + 1} | ${cut(text)}`);
  const out = params.showStart === false ? [] : [`what you sent begins with:\n${first.join("\n")}`];
  const prefix = `${params.path}:`;
  for (const reason of params.reasons.slice(0, MAX_REASONS)) {
    const at = reason.startsWith(prefix) ? /^(\d+):\d+ /.exec(reason.slice(prefix.length)) : /^line (\d+): /.exec(reason);
    const line = at?.[1] === undefined ? undefined : Number(at[1]);
    out.push(line === undefined || line > lines.length ? reason : `${reason}\n  line ${line} is: ${shown(line).trim()}`);
  }
  if (params.reasons.length > MAX_REASONS) out.push(`(${params.reasons.length - MAX_REASONS} more errors not shown)`);
  return out;
}
