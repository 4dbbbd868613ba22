import type { Diagnostic } from "../../types.js";

/** One line per diagnostic: `line 12:5 error ts/TS2304 Cannot find name 'x'.` */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], limit = Number.POSITIVE_INFINITY): string {
  const shown = diagnostics.slice(0, limit).map((d) => {
    const rule = d.source === "typescript" ? `ts/${d.code}` : `eslint/${d.code}`;
    return `line ${d.line}:${d.column} ${d.severity} ${rule} ${d.message.replace(/\s+/g, " ")}`;
  });
  const hidden = diagnostics.length - shown.length;
  if (hidden > 0) shown.push(`(${hidden} more not shown)`);
  return shown.join("\n");
}
