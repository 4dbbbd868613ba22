import nock from "nock";
import { describe, expect, it } from "vitest";
import { enqueueScan } from "../../src/scan/enqueue-scan.js";
import type { ScanJob } from "../../src/scan/scan-job.js";
import { parseScanState, SCAN_ISSUE_MARKER } from "../../src/scan/scan-state-marker.js";
import { nockConfig, nockCreateCheckRun, nockInstallationToken, nockUpdateCheckRun, type Sent } from "../helpers/nock-github.js";
import { randomBytes } from "node:crypto";
import { makeTarball, repositoryTarball, TOP } from "./make-tarball.js";
import {
  nockBranch,
  nockCreateCommit,
  nockCreateIssue,
  nockCreatePull,
  nockCreateRef,
  nockCreateTree,
  nockGetCommit,
  nockGetScanRef,
  nockListScanIssues,
  nockListScanPulls,
  nockRepo,
  nockTarball,
  nockUpdateIssue,
  nockUpdatePull,
  nockUpdateRef,
} from "./nock-scan.js";
import { startScans } from "./start-scans.js";

const REPO = { owner: "octo", repo: "shop" };
const SHA1 = "1".repeat(40);
const SHA2 = "2".repeat(40);
const SHA3 = "3".repeat(40);
const NOW = Date.parse("2024-05-06T03:12:00Z");

const BAD_CAST = "export function f(flag: boolean): number {\n  if (!!flag) return 1;\n  return 2;\n}\n";
const GOOD_CAST = "export function f(flag: boolean): number {\n  if (flag) return 1;\n  return 2;\n}\n";
const WRONG_TYPE = 'export const n: number = "x";\n';
/** A test that uses `f`, so it is not an untested export. */
const FLAG_TEST = 'import { f } from "../src/flag.js";\n\nf(true);\n';

const job = (occurrence: string): ScanJob => ({ kind: "scan", installationId: 1, owner: REPO.owner, repo: REPO.repo, trigger: "command", occurrence });

/** Token (first scan only), repository, config, default branch and check run: every scan's first requests. */
function nockScanStart(sha: string, checkRuns: Sent, options: { readonly token?: boolean; readonly config?: string } = {}): void {
  if (options.token !== false) nockInstallationToken(1);
  nockRepo(REPO);
  nockConfig(REPO, options.config);
  nockBranch(REPO, "main", sha);
  nockCreateCheckRun(REPO, 77, checkRuns);
}

interface IssueRequest {
  readonly title: string;
  readonly body: string;
  readonly labels?: string[];
  readonly state?: string;
  readonly state_reason?: string;
}

describe("a repository scan", () => {
  it("downloads and analyses the tarball; the first scan opens the issue, a second updates it, a clean scan closes it", async () => {
    let now = NOW;
    const { probot, outcomes, idle, queue } = await startScans({ now: () => now });
    expect(probot).toBeDefined();

    // 1. First scan: one finding, so the tracking issue is opened.
    const checkRuns: Sent = [];
    const issues: Sent = [];
    nockScanStart(SHA1, checkRuns);
    nockTarball(REPO, SHA1, repositoryTarball({ "src/flag.ts": BAD_CAST, "README.md": "# shop\n", "package.json": "{}" }));
    nockListScanIssues(REPO, []);
    nockCreateIssue(REPO, 5, issues);
    nockUpdateCheckRun(REPO, 77, checkRuns);
    await enqueueScan(queue, job("first"));
    await idle();
    expect(nock.pendingMocks()).toEqual([]);
    expect(outcomes[0]).toMatchObject({ kind: "scanned", sha: SHA1, findings: 1, issue: { kind: "created", number: 5 } });
    const opened = issues[0] as IssueRequest;
    expect(opened.title).toBe("patchsmith scan: 1 finding on main");
    expect(opened.labels).toEqual(["patchsmith-scan"]);
    expect(opened.body.startsWith(SCAN_ISSUE_MARKER)).toBe(true);
    expect(opened.body).toContain(`| warning | [\`src/flag.ts:2\`](https://github.com/octo/shop/blob/${SHA1}/src/flag.ts#L2) | \`eslint/no-extra-boolean-cast\` | Redundant double negation. | validated |`);
    expect(opened.body).toContain("- 2 files: not JavaScript or TypeScript");
    expect(opened.body).toContain("This is the first scan");
    expect(opened.body).toContain("**1 finding** and **1 untested export** in 1 file analysed.");
    expect(opened.body).toContain(`- [\`src/flag.ts:1\`](https://github.com/octo/shop/blob/${SHA1}/src/flag.ts#L1) function \`f\``);
    expect(parseScanState(opened.body)).toEqual({ sha: SHA1, at: "2024-05-06T03:12:00.000Z", counts: { eslint: 1, untested: 1 } });
    expect(checkRuns[0]).toMatchObject({ name: "patchsmith scan", head_sha: SHA1, status: "in_progress" });
    expect(checkRuns[1]).toMatchObject({ status: "completed", conclusion: "neutral", output: { title: "1 finding in the repository" } });
    expect((checkRuns[1] as { output: { summary: string } }).output.summary).toMatch(/^The report is in #5\./);

    // 2. A week later, a test for `f` and a new type error: the same issue is updated, with the trend.
    now += 7 * 24 * 60 * 60_000;
    nockScanStart(SHA2, checkRuns, { token: false });
    nockTarball(REPO, SHA2, repositoryTarball({ "src/flag.ts": BAD_CAST, "src/n.ts": WRONG_TYPE, "test/flag.test.ts": FLAG_TEST }));
    nockListScanIssues(REPO, [{ number: 3, body: "A person's issue with the label", user: { login: "octocat", type: "User" } }, { number: 5, body: opened.body }]);
    nockUpdateIssue(REPO, 5, issues);
    nockUpdateCheckRun(REPO, 77, checkRuns);
    await enqueueScan(queue, job("second"));
    await idle();
    expect(nock.pendingMocks()).toEqual([]);
    expect(outcomes[1]).toMatchObject({ kind: "scanned", sha: SHA2, findings: 2, issue: { kind: "updated", number: 5 } });
    const updated = issues[1] as IssueRequest;
    expect(updated.title).toBe("patchsmith scan: 2 findings on main");
    expect(updated.state).toBeUndefined();
    expect(updated.body).toContain("| ESLint | 1 | 1 | ±0 |");
    expect(updated.body).toContain("| TypeScript | 1 | 0 | +1 |");
    expect(updated.body).toContain("| Untested exports | 0 | 1 | −1 |");
    expect(updated.body).toContain("| **Total** | **2** | **2** | **±0** |");
    expect(updated.body).toContain(`(https://github.com/octo/shop/blob/${SHA2}/src/n.ts#L1)`);

    // 3. Everything fixed: the issue is updated and closed, nothing new is opened.
    now += 7 * 24 * 60 * 60_000;
    nockScanStart(SHA3, checkRuns, { token: false });
    nockTarball(REPO, SHA3, repositoryTarball({ "src/flag.ts": GOOD_CAST, "test/flag.test.ts": FLAG_TEST }));
    nockListScanIssues(REPO, [{ number: 5, body: updated.body }]);
    nockUpdateIssue(REPO, 5, issues);
    nockUpdateCheckRun(REPO, 77, checkRuns);
    await enqueueScan(queue, job("third"));
    await idle();
    expect(nock.pendingMocks()).toEqual([]);
    expect(outcomes[2]).toMatchObject({ kind: "scanned", sha: SHA3, findings: 0, issue: { kind: "closed", number: 5 } });
    const closed = issues[2] as IssueRequest;
    expect(closed).toMatchObject({ title: "patchsmith scan: no findings", state: "closed", state_reason: "completed" });
    expect(closed.body).toContain("**No findings** in 2 files analysed: all 2 findings of the previous scan are fixed.");
    expect(parseScanState(closed.body)?.counts).toEqual({});
    expect(checkRuns.at(-1)).toMatchObject({ conclusion: "success", output: { title: "No findings in the repository" } });
  });

  it("opens no issue when a clean scan has none to update", async () => {
    const { outcomes, idle, queue } = await startScans({ now: () => NOW });
    const checkRuns: Sent = [];
    nockScanStart(SHA1, checkRuns);
    nockTarball(REPO, SHA1, repositoryTarball({ "src/flag.ts": GOOD_CAST, "test/flag.test.ts": FLAG_TEST }));
    nockListScanIssues(REPO, [{ number: 9, body: "not ours", user: { login: "octocat", type: "User" } }]);
    nockUpdateCheckRun(REPO, 77, checkRuns);
    await enqueueScan(queue, job("clean"));
    await idle();
    expect(nock.pendingMocks()).toEqual([]);
    expect(outcomes).toEqual([expect.objectContaining({ kind: "scanned", findings: 0, issue: { kind: "none" } })]);
  });

  it("refuses a tarball over the limit with a clear line in the report, keeping the previous counts", async () => {
    const { outcomes, idle, queue } = await startScans({ now: () => NOW, settings: { maxTarballBytes: 4096 } });
    const checkRuns: Sent = [];
    const issues: Sent = [];
    const previous = `${SCAN_ISSUE_MARKER}\n\nold report\n\n<!-- patchsmith:scan-state {"sha":"${"f".repeat(40)}","at":"2024-04-29T03:12:00.000Z","counts":{"eslint":4}} -->`;
    nockScanStart(SHA1, checkRuns);
    nockTarball(REPO, SHA1, makeTarball([{ path: `${TOP}/assets/blob.bin`, body: randomBytes(20_000) }]));
    nockListScanIssues(REPO, [{ number: 5, body: previous, state: "closed" }]);
    nockUpdateIssue(REPO, 5, issues);
    nockUpdateCheckRun(REPO, 77, checkRuns);
    await enqueueScan(queue, job("big"));
    await idle();
    expect(nock.pendingMocks()).toEqual([]);
    const line = "The repository archive is over the 4.1 kB download limit (PATCHSMITH_SCAN_MAX_TARBALL_BYTES), so it was refused and nothing was analysed; raise the limit to scan this repository.";
    expect(outcomes).toEqual([expect.objectContaining({ kind: "scanned", refused: line, issue: { kind: "updated", number: 5, url: "https://github.com/octo/shop/issues/5" } })]);
    const body = (issues[0] as IssueRequest).body;
    expect(body).toContain(`> ${line}`);
    expect(issues[0]).toMatchObject({ title: "patchsmith scan: the last scan was refused", state: "open" });
    expect(parseScanState(body)).toEqual({ sha: "f".repeat(40), at: "2024-04-29T03:12:00.000Z", counts: { eslint: 4 } });
    expect(checkRuns.at(-1)).toMatchObject({ conclusion: "neutral", output: { title: "Scan refused: over a limit" } });
  });

  it("creates the fix pull request, then updates it in place", async () => {
    let now = NOW;
    const { outcomes, idle, queue } = await startScans({ now: () => now });
    const config = "scan:\n  openPullRequest: true\n";
    const checkRuns: Sent = [];
    const trees: Sent = [];
    const commits: Sent = [];
    const refs: Sent = [];
    const pulls: Sent = [];
    const issues: Sent = [];

    // 1. No branch yet: tree, commit, branch, pull request.
    nockScanStart(SHA1, checkRuns, { config });
    nockTarball(REPO, SHA1, repositoryTarball({ "src/flag.ts": BAD_CAST, "src/n.ts": WRONG_TYPE }));
    nockGetScanRef(REPO, 404);
    nockGetCommit(REPO, SHA1, { tree: "tree-1" });
    nockCreateTree(REPO, "tree-fixed-1", trees);
    nockCreateCommit(REPO, "c".repeat(40), commits);
    nockCreateRef(REPO, refs);
    nockListScanPulls(REPO, []);
    nockCreatePull(REPO, 12, pulls);
    nockListScanIssues(REPO, []);
    nockCreateIssue(REPO, 5, issues);
    nockUpdateCheckRun(REPO, 77, checkRuns);
    await enqueueScan(queue, job("fix-1"));
    await idle();
    expect(nock.pendingMocks()).toEqual([]);
    expect(outcomes[0]).toMatchObject({ kind: "scanned", pullRequest: { kind: "saved", created: true, number: 12, files: 1, fixes: 1, tests: 0 } });
    expect(trees[0]).toEqual({ base_tree: "tree-1", tree: [{ path: "src/flag.ts", mode: "100644", type: "blob", content: GOOD_CAST }] });
    expect(commits[0]).toEqual({ message: `patchsmith: 1 validated fix from the scan of 1111111\n\nPatchsmith-Scan: ${SHA1}\n`, tree: "tree-fixed-1", parents: [SHA1] });
    expect(refs[0]).toEqual({ ref: "refs/heads/patchsmith/scan", sha: "c".repeat(40) });
    expect(pulls[0]).toMatchObject({ head: "patchsmith/scan", base: "main", title: "patchsmith: 1 validated fix from the repository scan" });
    expect((pulls[0] as { body: string }).body).toContain("- `src/flag.ts:2` `eslint/no-extra-boolean-cast`: Fix no-extra-boolean-cast");
    expect((issues[0] as IssueRequest).body).toContain("#12 holds 1 validated fix in 1 file; opened by this scan.");

    // 2. A new head: the branch is moved (ours: it has the trailer) and the same pull request updated.
    now += 7 * 24 * 60 * 60_000;
    nockScanStart(SHA2, checkRuns, { token: false, config });
    nockTarball(REPO, SHA2, repositoryTarball({ "src/flag.ts": BAD_CAST, "src/other.ts": BAD_CAST.replace("f(", "g(") }));
    nockGetScanRef(REPO, "c".repeat(40));
    nockGetCommit(REPO, "c".repeat(40), { tree: "tree-fixed-1", parents: [SHA1], message: `patchsmith: 1 validated fix\n\nPatchsmith-Scan: ${SHA1}\n` });
    nockGetCommit(REPO, SHA2, { tree: "tree-2" });
    nockCreateTree(REPO, "tree-fixed-2", trees);
    nockCreateCommit(REPO, "d".repeat(40), commits);
    nockUpdateRef(REPO, refs);
    nockListScanPulls(REPO, [12]);
    nockUpdatePull(REPO, 12, pulls);
    nockListScanIssues(REPO, [{ number: 5, body: (issues[0] as IssueRequest).body }]);
    nockUpdateIssue(REPO, 5, issues);
    nockUpdateCheckRun(REPO, 77, checkRuns);
    await enqueueScan(queue, job("fix-2"));
    await idle();
    expect(nock.pendingMocks()).toEqual([]);
    expect(outcomes[1]).toMatchObject({ kind: "scanned", pullRequest: { kind: "saved", created: false, number: 12, files: 2, fixes: 2, tests: 0 } });
    expect((trees[1] as { tree: { path: string }[] }).tree.map((t) => t.path)).toEqual(["src/flag.ts", "src/other.ts"]);
    expect(refs[1]).toEqual({ sha: "d".repeat(40), force: true });
    expect(pulls[1]).toMatchObject({ title: "patchsmith: 2 validated fixes from the repository scan" });
    expect((issues[1] as IssueRequest).body).toContain("#12 holds 2 validated fixes in 2 files; updated by this scan.");
  });

  it("leaves a fix branch alone when someone else committed to it, and says so in the report", async () => {
    const { outcomes, idle, queue } = await startScans({ now: () => NOW });
    const checkRuns: Sent = [];
    const issues: Sent = [];
    nockScanStart(SHA1, checkRuns, { config: "scan: { openPullRequest: true }\n" });
    nockTarball(REPO, SHA1, repositoryTarball({ "src/flag.ts": BAD_CAST }));
    nockGetScanRef(REPO, "e".repeat(40));
    nockGetCommit(REPO, "e".repeat(40), { tree: "t", parents: [SHA1], message: "my own work on the branch" });
    nockListScanIssues(REPO, []);
    nockCreateIssue(REPO, 5, issues);
    nockUpdateCheckRun(REPO, 77, checkRuns);
    await enqueueScan(queue, job("foreign"));
    await idle();
    expect(nock.pendingMocks()).toEqual([]);
    expect(outcomes[0]).toMatchObject({ pullRequest: { kind: "failed" } });
    expect((issues[0] as IssueRequest).body).toContain("The fix pull request could not be saved: the branch patchsmith/scan has commits patchsmith did not make");
  });

  it("skips archived and empty repositories before anything else", async () => {
    const { outcomes, idle, queue } = await startScans({ now: () => NOW });
    nockInstallationToken(1);
    nockRepo(REPO, { archived: true });
    await enqueueScan(queue, job("archived"));
    await idle();
    nockRepo(REPO);
    nockBranch(REPO, "main", 404);
    await enqueueScan(queue, job("empty"));
    await idle();
    expect(nock.pendingMocks()).toEqual([]);
    expect(outcomes).toEqual([
      { kind: "skipped", reason: "the repository is archived" },
      { kind: "skipped", reason: "the repository is empty (its default branch main has no commit)" },
    ]);
  });

  it("fails the check run with the field when the config is invalid, and scans nothing", async () => {
    const { outcomes, idle, queue } = await startScans({ now: () => NOW });
    const checkRuns: Sent = [];
    nockInstallationToken(1);
    nockRepo(REPO);
    nockBranch(REPO, "main", SHA1);
    nockConfig(REPO, "scan:\n  openPullRequest: maybe\n");
    nockCreateCheckRun(REPO, 78, checkRuns);
    await enqueueScan(queue, job("bad-config"));
    await idle();
    expect(nock.pendingMocks()).toEqual([]);
    expect(outcomes[0]).toMatchObject({ kind: "invalid-config" });
    expect(checkRuns[0]).toMatchObject({ name: "patchsmith scan", status: "completed", conclusion: "failure", output: { title: "Invalid .github/patchsmith.yml" } });
    expect((checkRuns[0] as { output: { summary: string } }).output.summary).toContain("`scan.openPullRequest`");
  });
});
