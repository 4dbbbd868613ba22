import { describe, expect, it } from "vitest";
import { defaultRepoConfig } from "../../src/config/repo-config.js";
import { parseFilePatch } from "../../src/diff/parse-file-patch.js";
import { createScriptedGenerator } from "../../src/llm/scripted-generator.js";
import { reviewChange } from "../../src/pipeline/review-change.js";
import type { FileSource } from "../../src/types.js";

function memorySource(files: Record<string, string>): FileSource {
  return {
    description: "memory",
    readText: (path) => Promise.resolve(path in files ? { kind: "text", text: files[path]! } : { kind: "missing" }),
    listPaths: () => Promise.resolve(Object.keys(files)),
  };
}

const BASE = "export async function load(): Promise<{ q: number }[]> {\n  return [{ q: 1 }];\n}\n";
const ADDED = ["", "export async function total(): Promise<number> {", "  const items = load();", "  return items.reduce((n, item) => n + item.q, 0);", "}"];
const HEAD = `${BASE}${ADDED.join("\n")}\n`;
const PATCH = `@@ -1,3 +1,8 @@\n export async function load(): Promise<{ q: number }[]> {\n   return [{ q: 1 }];\n }\n${ADDED.map((line) => `+${line}`).join("\n")}`;

describe("fix tasks leave out what a deterministic fix already removes", () => {
  it("asks the model nothing about a callback's implicit any when adding the missing await fixes the call it is on", async () => {
    const generator = createScriptedGenerator({ answers: { review: [{ findings: [] }] } });
    const result = await reviewChange({
      base: memorySource({ "src/a.ts": BASE }),
      head: memorySource({ "src/a.ts": HEAD }),
      diff: [parseFilePatch({ path: "src/a.ts", status: "modified", patch: PATCH })],
      config: { ...defaultRepoConfig, checks: { ...defaultRepoConfig.checks, tests: false } },
      generator,
    });
    expect(result.findings.find((f) => f.rule === "ts/TS2339")?.suggestion?.edit.replacement).toBe("  const items = await load();");
    // The implicit anys are still reported (they stand at head), but no fix task asks the model about them.
    expect(result.findings.filter((f) => f.rule === "ts/TS7006")).toHaveLength(2);
    expect(generator.calls.map((call) => call.operation)).toEqual(["review"]);
    expect(result.notices.map((n) => n.message).join("\n")).not.toContain("could not answer");
  });
});
