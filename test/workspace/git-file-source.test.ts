import { afterEach, describe, expect, it } from "vitest";
import { createGit, createGitFileSource, gitDiff, resolveRevision, UnknownRevisionError } from "../../src/workspace/git-file-source.js";
import { createTempRepo, type TempRepo } from "../helpers/git-repo.js";

describe("git file source", () => {
  let repo: TempRepo;
  afterEach(() => {
    repo.remove();
  });

  it("reads text at a commit and skips binary, oversize and non-UTF-8 files with a reason", async () => {
    repo = createTempRepo();
    const sha = repo.commit({
      "src/a.ts": "export const a = 1;\n",
      "logo.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]),
      "big.ts": "x".repeat(2_000),
      "latin1.ts": new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]),
    });
    repo.commit({ "src/a.ts": "export const a = 2;\n" });
    const git = createGit(repo.dir);
    const source = createGitFileSource({ git, sha, maxBytes: 1_000, label: "base" });
    expect(await source.readText("src/a.ts")).toEqual({ kind: "text", text: "export const a = 1;\n" });
    expect(await source.readText("missing.ts")).toEqual({ kind: "missing" });
    expect(await source.readText("logo.png")).toMatchObject({ kind: "skipped", reason: expect.stringContaining("binary") as string });
    expect(await source.readText("big.ts")).toMatchObject({ kind: "skipped", reason: expect.stringContaining("over the 1.0 kB limit") as string });
    expect(await source.readText("latin1.ts")).toMatchObject({ kind: "skipped", reason: expect.stringContaining("not valid UTF-8") as string });
    expect([...(await source.listPaths())].sort()).toEqual(["big.ts", "latin1.ts", "logo.png", "src/a.ts"]);
  });

  it("names a revision that does not exist", async () => {
    repo = createTempRepo();
    repo.commit({ "a.ts": "1" });
    const git = createGit(repo.dir);
    await expect(resolveRevision(git, "no-such-branch")).rejects.toBeInstanceOf(UnknownRevisionError);
    await expect(resolveRevision(git, "no-such-branch")).rejects.toThrow(/"no-such-branch" does not exist/);
  });

  it("diffs two commits with renames detected", async () => {
    repo = createTempRepo();
    const body = Array.from({ length: 20 }, (_, i) => `export const v${i} = ${i};`).join("\n");
    const base = repo.commit({ "old.ts": `${body}\n` });
    repo.git("mv", "old.ts", "new.ts");
    const head = repo.commit({ "new.ts": `${body}\nexport const extra = 1;\n` });
    const text = await gitDiff(createGit(repo.dir), base, head);
    expect(text).toContain("rename from old.ts");
    expect(text).toContain("+export const extra = 1;");
  });
});
