import { describe, expect, it } from "vitest";
import { parseRepoConfig } from "../../../src/config/repo-config.js";
import { checkImporters } from "../../../src/review/steps/check-importers.js";
import { startReviewRun } from "../../../src/review/steps/review-run.js";
import type { Workspace } from "../../../src/workspace/create-workspace.js";
import { makeWorkspace } from "../../helpers/make-workspace.js";
import { memorySource } from "../../helpers/memory-change.js";

const TSCONFIG = JSON.stringify({ compilerOptions: { target: "es2022", lib: ["es2022"], module: "node16", strict: true } });
const TIMING = "export function wait(header: string) {\n  return Number(header);\n}\n";
const CALLER = 'import { wait } from "./timing.js";\nexport const after: number = wait("1");\n';

function check(head: string): { readonly diagnosed: string[]; readonly findings: number } {
  const diagnosed: string[] = [];
  const spy = (workspace: Workspace): Workspace => ({ ...workspace, diagnose: (path, only) => (diagnosed.push(path), workspace.diagnose(path, only)) });
  const files = { "tsconfig.json": TSCONFIG, "src/caller.ts": CALLER };
  const run = startReviewRun({ config: parseRepoConfig({}), head: memorySource({}), base: memorySource({}) });
  const set = { importers: ["src/caller.ts"], changedImports: new Map([["src/caller.ts", ["src/timing.ts"]]]), changed: new Set(["src/timing.ts"]), resolve: () => undefined };
  const findings = checkImporters(run, set, { head: spy(makeWorkspace({ ...files, "src/timing.ts": head })), base: spy(makeWorkspace({ ...files, "src/timing.ts": TIMING })) });
  return { diagnosed, findings: findings.length };
}

describe("checkImporters", () => {
  it("does not type-check the importers of a module whose declaration file is the same at base and head", () => {
    expect(check(TIMING.replace("Number(header)", "Number(header.trim())"))).toEqual({ diagnosed: [], findings: 0 });
  });

  it("type-checks them when it is not, and reports what broke", () => {
    const result = check(TIMING.replace("Number(header)", "String(header)"));
    expect(result.diagnosed).toContain("src/caller.ts");
    expect(result.findings).toBe(1);
  });
});
