import { describe, expect, it } from "vitest";
import { loadFiles } from "../../src/workspace/load-files.js";
import { MAX_NESTING_DEPTH } from "../../src/workspace/measure-nesting-depth.js";
import { memorySource } from "../helpers/memory-change.js";

const deep = (open: string, close: string): string => `export const x = ${open.repeat(20_000)}1${close.repeat(20_000)};\n`;

describe("loadFiles with a file nested too deeply to parse", () => {
  it("skips a changed file nested deeper than the limit, naming the depth, and loads the rest", async () => {
    const loaded = await loadFiles({
      source: memorySource({ "src/deep.ts": deep("[", "]"), "src/ok.ts": "export const ok = 1;\n", "src/shallow.ts": deep("", "") }),
      seeds: ["src/deep.ts", "src/ok.ts"],
    });
    expect([...loaded.files.keys()].sort()).toEqual(["src/ok.ts", "src/shallow.ts"]);
    expect(loaded.skipped).toEqual([{ path: "src/deep.ts", reason: expect.stringContaining(`nest 20,000 levels deep, more than the ${MAX_NESTING_DEPTH}`) as string }]);
  });

  it("leaves out an imported file nested too deeply, with a notice naming it", async () => {
    const loaded = await loadFiles({
      source: memorySource({ "src/main.ts": 'import { x } from "./deep";\nexport const y = x;\n', "src/deep.ts": deep("(", ")") }),
      seeds: ["src/main.ts"],
    });
    expect([...loaded.files.keys()]).toEqual(["src/main.ts"]);
    expect(loaded.notices.map((n) => n.message)).toEqual([expect.stringMatching(/^src\/deep\.ts was not loaded for type information: its brackets nest 20,000 levels deep/) as string]);
  });
});
