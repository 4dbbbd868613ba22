import { describe, expect, it } from "vitest";
import { defaultRepoConfig } from "../../../src/config/repo-config.js";
import { parseFilePatch } from "../../../src/diff/parse-file-patch.js";
import { rankFile } from "../../../src/llm/findings/rank-file.js";

const added = (path: string) => parseFilePatch({ path, status: "added", patch: "@@ -0,0 +1,1 @@\n+x" });

describe("rankFile", () => {
  it("ranks source before other code, tests, docs and config", () => {
    expect(rankFile(added("src/app.ts"), defaultRepoConfig)).toEqual({ rank: 0 });
    expect(rankFile(added("scripts/run.sh"), defaultRepoConfig)).toEqual({ rank: 1 });
    expect(rankFile(added("src/app.test.ts"), defaultRepoConfig)).toEqual({ rank: 2 });
    expect(rankFile(added("test/helpers/x.ts"), defaultRepoConfig)).toEqual({ rank: 2 });
    expect(rankFile(added("README.md"), defaultRepoConfig)).toEqual({ rank: 3 });
    expect(rankFile(added("vite.config.ts"), defaultRepoConfig)).toEqual({ rank: 4 });
    expect(rankFile(added(".github/workflows/ci.yml"), defaultRepoConfig)).toEqual({ rank: 4 });
  });

  it("skips what a model should not read, with the reason", () => {
    expect(rankFile(added("pnpm-lock.yaml"), defaultRepoConfig)).toEqual({ skip: "lockfile" });
    expect(rankFile(added("vendor/lib.js"), defaultRepoConfig)).toEqual({ skip: "vendored dependency (in vendor/)" });
    expect(rankFile(added("app.min.js"), defaultRepoConfig)).toEqual({ skip: "generated file" });
    expect(rankFile(parseFilePatch({ path: "a.ts", status: "removed", patch: "@@ -1,1 +0,0 @@\n-x" }), defaultRepoConfig)).toEqual({ skip: "removed" });
    expect(rankFile(parseFilePatch({ path: "a.png", status: "modified" }), defaultRepoConfig)).toEqual({ skip: "no patch text (too large, binary or a pure rename)" });
    expect(rankFile(parseFilePatch({ path: "a.ts", status: "modified", patch: "@@ -1,2 +1,0 @@\n-x\n-y" }), defaultRepoConfig)).toEqual({ skip: "only deletions" });
    expect(rankFile(added("docs/a.ts"), { include: ["**/*"], ignore: ["docs/**"] })).toEqual({ skip: "matches ignore pattern `docs/**` in .github/patchsmith.yml" });
  });
});
