import type { TestsReport } from "./tests-report.js";

/** The unit-test part of the CLI's text output. */
export function formatTestsText(report: TestsReport): string {
  if (report.untested.length === 0) return "";
  const out = ["", "untested exports:"];
  for (const symbol of report.untested) {
    const methods = symbol.methods.length > 0 ? ` (${symbol.methods.join(", ")})` : "";
    out.push(`  ${symbol.path}:${symbol.line}  info  tests/untested-export  ${symbol.kind} ${symbol.name}${methods}: ${symbol.reason}`);
  }
  if (report.generation === "no-model") out.push("  no tests generated: no model configured");
  if (report.generation === "model-off") out.push("  no tests generated: checks.model is off");
  if (report.generation === "ran") {
    const { stats } = report;
    out.push(`  tests: ${stats.generated} written, ${stats.typeCheckedFirstTime} valid first time, ${stats.repaired} repaired, ${stats.rejected} rejected${stats.dropped > 0 ? `, ${stats.dropped} dropped after running` : ""}`);
    for (const test of report.tests) out.push(`  + ${test.path} (${test.symbols.join(", ")}; ${test.cases.length} cases)`);
    for (const test of report.rejected) out.push(`  - ${test.path}: ${test.reasons.slice(0, 3).join("; ")}`);
    if (report.tests.length > 0) out.push("  (--write-tests writes them into the working tree; --format markdown shows them)");
  }
  return `${out.join("\n")}\n`;
}
