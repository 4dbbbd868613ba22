import { describe, expect, it } from "vitest";
import { parseRepoConfig } from "../../../src/config/repo-config.js";
import { diagnoseChange } from "../../../src/review/steps/diagnose-change.js";
import { startReviewRun } from "../../../src/review/steps/review-run.js";
import type { Diagnostic } from "../../../src/types.js";
import type { Workspace } from "../../../src/workspace/create-workspace.js";
import { makeWorkspace } from "../../helpers/make-workspace.js";
import { memorySource } from "../../helpers/memory-change.js";
import { modifiedFileDiff } from "../../helpers/modified-file-diff.js";

const TSCONFIG = JSON.stringify({ compilerOptions: { target: "es2022", lib: ["es2022"], module: "node16", strict: true } });
const BASE = ["export function f(): number {", "  debugger;", "  return 1;", "}", ""].join("\n");

/** A workspace that records which checkers the base was asked for. */
function recording(workspace: Workspace, asked: (Diagnostic["source"] | "all")[]): Workspace {
  return { ...workspace, diagnose: (path, only) => (asked.push(only ?? "all"), workspace.diagnose(path, only)) };
}

function diagnose(head: string) {
  const run = startReviewRun({ config: parseRepoConfig({}), head: memorySource({}), base: memorySource({}) });
  const asked: (Diagnostic["source"] | "all")[] = [];
  const base = recording(makeWorkspace({ "tsconfig.json": TSCONFIG, "src/a.ts": BASE }), asked);
  const [file] = modifiedFileDiff("src/a.ts", BASE, head);
  if (!file) throw new Error("no diff");
  const [diagnosed] = diagnoseChange(run, [file], { head: makeWorkspace({ "tsconfig.json": TSCONFIG, "src/a.ts": head }), base });
  return { asked, fresh: diagnosed?.fresh ?? [] };
}

describe("diagnoseChange", () => {
  it("does not lint the base when no ESLint problem at head is on an added line (none of them can be new)", () => {
    // `debugger` stands on an untouched line at head; the change is elsewhere.
    const { asked, fresh } = diagnose(BASE.replace("return 1;", "return 2;"));
    expect(asked).toEqual([]);
    expect(fresh).toEqual([]);
  });

  it("lints the base when an ESLint problem at head is on an added line, and reports it only when the base lacks it", () => {
    const added = diagnose(BASE.replace("return 1;", "debugger;\n  return 2;"));
    expect(added.asked).toEqual(["eslint"]);
    expect(added.fresh.map((d) => [d.line, d.code])).toEqual([[3, "no-debugger"]]);
    // The same problem moved to an added line: the base has it, so it is not the change's.
    const moved = diagnose(BASE.replace("  debugger;\n  return 1;", "  debugger; // still here\n  return 1;"));
    expect(moved.asked).toEqual(["eslint"]);
    expect(moved.fresh).toEqual([]);
  });

  it("type-checks the base when head has a TypeScript error anywhere in the file", () => {
    const { asked, fresh } = diagnose(BASE.replace("return 1;", 'return "1";'));
    expect(asked).toContain("typescript");
    expect(fresh.map((d) => d.code)).toContain("TS2322");
  });
});
