import { describe, expect, it } from "vitest";
import { createReadBudget, limitFileSource } from "../../src/security/limit-file-source.js";
import { memorySource } from "./review-fixture.js";

describe("limitFileSource", () => {
  it("hands out text until the shared budget is spent, then refuses every read with the limit and the setting", async () => {
    const budget = createReadBudget(10);
    const a = limitFileSource(memorySource({ "a.ts": "12345", "b.ts": "123" }), budget);
    const b = limitFileSource(memorySource({ "c.ts": "1234", "d.ts": "1" }), budget);
    expect(await a.readText("a.ts")).toEqual({ kind: "text", text: "12345" });
    expect(await b.readText("c.ts")).toEqual({ kind: "text", text: "1234" });
    expect(budget.used).toBe(9);
    expect(await a.readText("b.ts")).toEqual({ kind: "skipped", reason: "b.ts was not read: the review reached its limit of 10 B of file contents (`limits.maxTotalBytes` in .github/patchsmith.yml)" });
    expect(budget.exhausted).toBe(true);
    // Once spent, even a file that would fit is refused, so what is read does not depend on the order of reads.
    expect((await b.readText("d.ts")).kind).toBe("skipped");
    expect(await a.readText("missing.ts")).toMatchObject({ kind: "skipped" });
  });

  it("counts bytes, not characters, and passes listings and missing files through", async () => {
    const budget = createReadBudget(4);
    const source = limitFileSource(memorySource({ "e.ts": "éé", "f.ts": "é" }), budget);
    expect(await source.listPaths()).toEqual(["e.ts", "f.ts"]);
    expect(await source.readText("nope.ts")).toEqual({ kind: "missing" });
    expect(await source.readText("e.ts")).toEqual({ kind: "text", text: "éé" });
    expect((await source.readText("f.ts")).kind).toBe("skipped");
  });
});
