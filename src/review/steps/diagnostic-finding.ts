import type { Diagnostic, Finding, Fix } from "../../types.js";

/** A checker's diagnostic as a finding, with its validated fix (if any) as the suggestion. */
export function diagnosticFinding(diagnostic: Diagnostic, fix: Fix | undefined, untouched = false): Finding {
  const rule = diagnostic.source === "typescript" ? `ts/${diagnostic.code}` : `eslint/${diagnostic.code}`;
  // A suggestion is anchored on the lines it replaces; say where the problem is when that is elsewhere.
  const elsewhere = fix !== undefined && (diagnostic.line < fix.edit.startLine || diagnostic.line > fix.edit.endLine);
  return {
    path: diagnostic.path,
    startLine: diagnostic.line,
    line: diagnostic.line,
    severity: diagnostic.severity,
    rule,
    message: untouched
      ? `Line ${diagnostic.line} was not changed, but this change causes: ${diagnostic.message}`
      : elsewhere
        ? `Line ${diagnostic.line}: ${diagnostic.message}`
        : diagnostic.message,
    ...(fix ? { suggestion: fix, startLine: fix.edit.startLine, line: fix.edit.endLine } : {}),
  };
}
