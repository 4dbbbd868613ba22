import nock from "nock";
import { describe, expect, it } from "vitest";
import { openFixPullRequest } from "../../src/scan/open-fix-pull-request.js";
import type { GeneratedTest } from "../../src/testgen/tests-report.js";
import { createTestProbot } from "../helpers/create-test-probot.js";
import { GITHUB_API, nockInstallationToken, type Sent } from "../helpers/nock-github.js";
import { nockCreateCommit, nockCreatePull, nockCreateRef, nockCreateTree, nockGetCommit, nockGetScanRef, nockListScanPulls, nockUpdatePull } from "./nock-scan.js";

const REPO = { owner: "octo", repo: "shop" };
const SHA = "1".repeat(40);

const generated: GeneratedTest = {
  path: "src/flag.test.ts",
  content: 'import { expect, it } from "vitest";\nimport { f } from "./flag.js";\n\nit("returns 1 for true", () => {\n  expect(f(true)).toBe(1);\n});\n',
  sourcePath: "src/flag.ts",
  symbols: ["f"],
  cases: [{ name: "returns 1 for true", why: "the true branch" }],
  explanation: "covers both branches",
  existing: false,
  attempts: 1,
  delivery: "file",
};

async function octokit(): Promise<Awaited<ReturnType<ReturnType<typeof createTestProbot>["auth"]>>> {
  nockInstallationToken(1);
  return createTestProbot().auth(1);
}

describe("openFixPullRequest", () => {
  it("commits generated tests with the fixes and names them in the pull request", async () => {
    const trees: Sent = [];
    const pulls: Sent = [];
    const ok = await octokit();
    nockGetScanRef(REPO, 404);
    nockGetCommit(REPO, SHA, { tree: "tree-1" });
    nockCreateTree(REPO, "tree-2", trees);
    nockCreateCommit(REPO, "c".repeat(40));
    nockCreateRef(REPO);
    nockListScanPulls(REPO, []);
    nockCreatePull(REPO, 3, pulls);
    const outcome = await openFixPullRequest({ octokit: ok, ...REPO, defaultBranch: "main", baseSha: SHA, files: [], tests: [generated], executables: new Set() });
    expect(nock.pendingMocks()).toEqual([]);
    expect(outcome).toEqual({ kind: "saved", created: true, number: 3, url: "https://github.com/octo/shop/pull/3", files: 0, fixes: 0, tests: 1 });
    expect(trees[0]).toEqual({ base_tree: "tree-1", tree: [{ path: "src/flag.test.ts", mode: "100644", type: "blob", content: generated.content }] });
    expect(pulls[0]).toMatchObject({ title: "patchsmith: 1 generated test file from the repository scan" });
    expect((pulls[0] as { body: string }).body).toContain("- `src/flag.test.ts` for `f` in `src/flag.ts`");
  });

  it("closes the open pull request when nothing is left to fix", async () => {
    const pulls: Sent = [];
    const ok = await octokit();
    nockListScanPulls(REPO, [3]);
    nockUpdatePull(REPO, 3, pulls);
    const outcome = await openFixPullRequest({ octokit: ok, ...REPO, defaultBranch: "main", baseSha: SHA, files: [], tests: [], executables: new Set() });
    expect(nock.pendingMocks()).toEqual([]);
    expect(outcome).toEqual({ kind: "closed", number: 3, url: "https://github.com/octo/shop/pull/3" });
    expect(pulls).toEqual([{ state: "closed" }]);
  });

  it("turns a permission refusal into a line that says which permission to grant", async () => {
    const ok = await octokit();
    nockGetScanRef(REPO, 404);
    nockGetCommit(REPO, SHA, { tree: "tree-1" });
    nock(GITHUB_API).post(`/repos/${REPO.owner}/${REPO.repo}/git/trees`).reply(403, { message: "Resource not accessible by integration" });
    const outcome = await openFixPullRequest({ octokit: ok, ...REPO, defaultBranch: "main", baseSha: SHA, files: [], tests: [generated], executables: new Set() });
    expect(outcome).toEqual({ kind: "failed", message: expect.stringMatching(/^GitHub refused \(403: Resource not accessible by integration.*\)\. The fix pull request needs the app's \*\*Contents: write\*\*/) as unknown });
  });
});
