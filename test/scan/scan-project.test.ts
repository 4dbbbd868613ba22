import { describe, expect, it } from "vitest";
import { defaultRepoConfig } from "../../src/config/repo-config.js";
import { reviewChange } from "../../src/pipeline/review-change.js";
import { scanProject } from "../../src/scan/scan-project.js";
import type { FileSource } from "../../src/types.js";

function memorySource(files: Record<string, string>): FileSource {
  return {
    description: "memory",
    listPaths: () => Promise.resolve(Object.keys(files)),
    readText: (path) => Promise.resolve(files[path] === undefined ? { kind: "missing" } : { kind: "text", text: files[path] }),
  };
}

describe("scanProject (the real engine)", () => {
  it("reports every problem in the project, not only new ones, but not the ones that only say dependencies are missing", async () => {
    const source = memorySource({
      "tsconfig.json": '{ "compilerOptions": { "strict": true, "lib": ["ES2023"], "types": ["node"] } }',
      "src/log.ts": 'import { readFileSync } from "node:fs";\n\nexport function show(path: string): void {\n  console.log(readFileSync(path, "utf8"));\n  [1].map((x) => x);\n}\n',
      "src/wrong.ts": 'export const total: number = "12";\n',
      "src/local.ts": "export function twice(x) {\n  return x * 2;\n}\n",
    });
    const result = await scanProject({ source, config: defaultRepoConfig, reviewChange, tokenBudget: 0, maxFiles: 100, maxBytes: 1_000_000 });
    expect(result.findings.map((f) => [f.path, f.line, f.rule])).toEqual([
      ["src/local.ts", 1, "ts/TS7006"],
      ["src/wrong.ts", 1, "ts/TS2322"],
    ]);
    expect(result.notices.map((n) => n.message)).toContainEqual(expect.stringMatching(/^1 TypeScript error was left out because it only says that the project's dependencies/) as unknown);
    expect(result.untested.map((u) => u.name).sort()).toEqual(["show", "twice"]);
    expect(result.stats.filesAnalysed).toBe(3);
  });
});
