import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultRepoConfig } from "../../src/config/repo-config.js";
import { MalformedPatchError } from "../../src/diff/malformed-patch-error.js";
import { parseFilePatch } from "../../src/diff/parse-file-patch.js";
import { parseUnifiedDiff } from "../../src/diff/parse-unified-diff.js";
import { toFileDiffs } from "../../src/github/to-file-diffs.js";
import { reviewChange } from "../../src/pipeline/review-change.js";
import type { FileDiff } from "../../src/types.js";
import { memorySource } from "../security/review-fixture.js";
import { mutateMany, randomText, seededRandom } from "./mutate.js";

const PATCHES = path.resolve(import.meta.dirname, "../fixtures/patches");
const diffs = readdirSync(PATCHES).filter((name) => name.endsWith(".diff")).map((name) => readFileSync(path.join(PATCHES, name), "utf8"));
const hunks = readdirSync(path.join(PATCHES, "github")).map((name) => readFileSync(path.join(PATCHES, "github", name), "utf8"));
const STATUSES = ["added", "removed", "modified", "renamed", "copied", "changed", "unchanged", "weird", ""];

/** A file diff is well-formed: every line number is a positive integer inside its hunk. */
function expectWellFormed(file: FileDiff): void {
  for (const hunk of file.hunks) {
    for (const line of hunk.lines) {
      if (line.newLine !== undefined) expect(Number.isInteger(line.newLine) && line.newLine >= 1).toBe(true);
      if (line.oldLine !== undefined) expect(Number.isInteger(line.oldLine) && line.oldLine >= 0).toBe(true);
    }
  }
}

describe("fuzz: random and malformed patches", () => {
  it("parseUnifiedDiff never throws: 1,500 mutated and random diffs give files or a notice naming the problem", () => {
    const random = seededRandom(101);
    for (let round = 0; round < 1500; round += 1) {
      const source = round % 10 === 0 ? randomText(random, 400) : mutateMany(diffs[round % diffs.length] ?? "", random);
      const parsed = parseUnifiedDiff(source);
      for (const file of parsed.files) expectWellFormed(file);
      for (const problem of parsed.problems) expect(problem.message.length).toBeGreaterThan(20);
    }
  });

  it("parseFilePatch gives a FileDiff or a MalformedPatchError naming the file, for 1,500 mutated GitHub patches", () => {
    const random = seededRandom(202);
    let malformed = 0;
    for (let round = 0; round < 1500; round += 1) {
      const patch = round % 10 === 0 ? randomText(random, 300) : mutateMany(hunks[round % hunks.length] ?? "", random);
      const status = STATUSES[round % STATUSES.length] ?? "modified";
      try {
        expectWellFormed(parseFilePatch({ path: `src/f${round}.ts`, status, patch }));
      } catch (error) {
        expect(error).toBeInstanceOf(MalformedPatchError);
        expect((error as Error).message).toMatch(new RegExp(`^The patch for src/f${round}\\.ts is malformed: .+\\. The file cannot get inline comments`));
        malformed += 1;
      }
    }
    // The mutations do break patches (the test exercises the error path, not only the happy one).
    expect(malformed).toBeGreaterThan(100);
  });

  it("toFileDiffs keeps every file of a listing with broken patches and reports each broken one", () => {
    const random = seededRandom(303);
    const files = Array.from({ length: 200 }, (_, i) => ({ path: `src/${i}.ts`, status: STATUSES[i % STATUSES.length] ?? "modified", patch: mutateMany(hunks[i % hunks.length] ?? "", random) }));
    const { diffs: out, problems } = toFileDiffs(files);
    expect(out.map((d) => d.path)).toEqual(files.map((f) => f.path));
    for (const problem of problems) expect(problem.reason).toMatch(/is malformed/);
  });

  it("the review engine finishes, with a body, on 12 changes whose patches and files are mangled", async () => {
    const random = seededRandom(404);
    const base = "export function add(a: number, b: number): number {\n  return a + b;\n}\n";
    for (let round = 0; round < 12; round += 1) {
      const patch = mutateMany(hunks[round % hunks.length] ?? "", random);
      let diff: FileDiff[];
      try {
        diff = [parseFilePatch({ path: "src/many.ts", status: "modified", patch })];
      } catch {
        diff = parseUnifiedDiff(mutateMany(diffs[round % diffs.length] ?? "", random)).files;
      }
      const head = Object.fromEntries(diff.map((file) => [file.path, round % 3 === 0 ? randomText(random, 2000) : mutateMany(base.repeat(20), random, 10)]));
      const result = await reviewChange({ base: memorySource({ "src/many.ts": base }), head: memorySource(head), diff, config: defaultRepoConfig });
      expect(typeof result.body).toBe("string");
      expect(result.body).toContain("### patchsmith review");
    }
  });
});
