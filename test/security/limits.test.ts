import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { readAppSettings } from "../../src/config/app-settings.js";
import { defaultRepoConfig, parseRepoConfigYaml, type RepoConfig } from "../../src/config/repo-config.js";
import { createInProcessQueue } from "../../src/jobs/create-in-process-queue.js";
import type { ReviewJob } from "../../src/github/review-job.js";
import type { ReviewJobOutcome } from "../../src/jobs/run-review-job.js";
import { buildGenerator } from "../../src/llm/build-generator.js";
import { createScriptedGenerator } from "../../src/llm/scripted-generator.js";
import type { LlmTransport } from "../../src/llm/transport.js";
import { parseUnifiedDiff } from "../../src/diff/parse-unified-diff.js";
import { reviewChange } from "../../src/pipeline/review-change.js";
import { createGit, createGitFileSource, gitDiff } from "../../src/workspace/git-file-source.js";
import { limitReviewsPerRepository } from "../../src/pipeline/limit-reviews-per-repository.js";
import { createTestLog } from "../helpers/create-test-log.js";
import { createTestProbot } from "../helpers/create-test-probot.js";
import { emptyResult, fakeReviewChange } from "../helpers/fake-review-change.js";
import { createTempRepo, type TempRepo } from "../helpers/git-repo.js";
import { webhookEvent } from "../helpers/load-payload.js";
import {
  nockCompare,
  nockConfig,
  nockCreateCheckRun,
  nockGetPull,
  nockInstallationToken,
  nockListFiles,
  nockListIssueComments,
  nockListReviewComments,
  nockListReviews,
  nockUpdateCheckRun,
  type Sent,
} from "../helpers/nock-github.js";
import { reviewOf } from "./review-fixture.js";

const withLimits = (limits: Partial<RepoConfig["limits"]>, rest: Partial<RepoConfig> = {}): RepoConfig => ({ ...defaultRepoConfig, ...rest, limits: { ...defaultRepoConfig.limits, ...limits } });
/** A new file with one prefer-const problem, padded to about `bytes`. */
const file = (name: string, bytes = 0): readonly [undefined, string] => [undefined, `let ${name} = 1;\nexport const use${name} = ${name};\n// ${"x".repeat(bytes)}\n`];

let repo: TempRepo | undefined;
afterEach(() => {
  repo?.remove();
  repo = undefined;
});

describe("limits: each has a default, a setting, and a line in the summary when it is hit", () => {
  it("has defaults in the repository config, capped whatever a repository asks for", () => {
    expect(defaultRepoConfig.limits).toEqual({ maxFiles: 300, maxTotalBytes: 20_000_000, maxModelTokens: 120_000 });
    expect(defaultRepoConfig.maxComments).toBe(20);
    expect(defaultRepoConfig.maxFileBytes).toBe(1_000_000);
    expect(() => parseRepoConfigYaml("limits:\n  maxFiles: 100000\n")).toThrow(/`limits.maxFiles`: .*3000/);
    expect(() => parseRepoConfigYaml("maxFileBytes: 999999999999\n")).toThrow(/`maxFileBytes`/);
    expect(() => parseRepoConfigYaml("limits:\n  maxTotalBytes: 1e12\n")).toThrow(/`limits.maxTotalBytes`/);
    expect(parseRepoConfigYaml("limits:\n  maxFiles: 5\n").limits).toEqual({ maxFiles: 5, maxTotalBytes: 20_000_000, maxModelTokens: 120_000 });
  });

  it("files per review (`limits.maxFiles`)", async () => {
    const result = await reviewChange(reviewOf({ "src/a.ts": file("a"), "src/b.ts": file("b"), "src/c.ts": file("c") }, withLimits({ maxFiles: 2 })));
    expect(result.stats.filesAnalysed).toBe(2);
    expect(result.skipped).toEqual([{ path: "src/c.ts", reason: "over the limit of 2 files per review" }]);
    expect(result.body).toContain("Limit hit: 1 changed file was not analysed, over the limit of 2 files per review (`limits.maxFiles` in .github/patchsmith.yml)");
  });

  it("bytes per review (`limits.maxTotalBytes`)", async () => {
    const result = await reviewChange(reviewOf({ "src/a.ts": file("a", 400), "src/b.ts": file("b", 400) }, withLimits({ maxTotalBytes: 600 })));
    expect(result.stats.filesAnalysed).toBe(1);
    expect(result.skipped).toEqual([expect.objectContaining({ reason: expect.stringContaining("was not read: the review reached its limit of 600 B of file contents (`limits.maxTotalBytes`") as unknown })]);
    expect(result.body).toContain("Limit hit: the review read its limit of 600 bytes of file contents (`limits.maxTotalBytes`");
  });

  it("bytes per file (`maxFileBytes`), which every file source applies (here git's, as the App's GitHub source does with the config's value)", async () => {
    const temp = createTempRepo();
    repo = temp;
    const baseSha = temp.commit({ "src/index.ts": "export const a = 1;\n" }, "base");
    const headSha = temp.commit({ "src/big.ts": file("big", 2000)[1], "src/small.ts": file("small")[1] });
    const config = parseRepoConfigYaml("maxFileBytes: 1000\n");
    const git = createGit(temp.dir);
    const diff = parseUnifiedDiff(await gitDiff(git, baseSha, headSha)).files;
    const source = (sha: string) => createGitFileSource({ git, sha, maxBytes: config.maxFileBytes, label: sha });
    const result = await reviewChange({ base: source(baseSha), head: source(headSha), diff, config });
    expect(result.stats.filesAnalysed).toBe(1);
    expect(result.body).toMatch(/`src\/big\.ts`: src\/big\.ts is 2\.\d kB, over the 1\.0 kB limit; raise maxFileBytes in \.github\/patchsmith\.yml/);
  });

  it("comments per review (`maxComments`)", async () => {
    const result = await reviewChange(reviewOf({ "src/a.ts": file("a"), "src/b.ts": file("b") }, { ...defaultRepoConfig, maxComments: 1 }));
    expect(result.comments).toHaveLength(1);
    expect(result.overflow).toHaveLength(1);
    expect(result.body).toContain("Limit hit: at most 1 inline comments per review (`maxComments` in .github/patchsmith.yml)");
  });

  it("model tokens per review (`limits.maxModelTokens`)", async () => {
    const generator = createScriptedGenerator({ answers: { review: Array.from({ length: 5 }, () => ({ findings: [] })) } });
    const result = await reviewChange({ ...reviewOf({ "src/a.ts": file("a"), "src/b.ts": file("b") }, withLimits({ maxModelTokens: 700 })), generator });
    expect(generator.calls.length).toBe(1);
    expect(result.body).toContain("Limit hit: the model's token budget of 700 prompt tokens per review (`limits.maxModelTokens` in .github/patchsmith.yml) ran out; 1 file or part was not reviewed by the model.");
  });

  it("tokens per prompt (the model's context, PATCHSMITH_CONTEXT_SIZE)", async () => {
    const generator = createScriptedGenerator({ contextSize: 1200, answers: { review: [] } });
    const result = await reviewChange({ ...reviewOf({ "src/a.ts": file("a", 6000) }), generator });
    expect(generator.calls).toEqual([]);
    expect(result.body).toContain("Limit hit: 1 hunk needs more prompt tokens than the model's context allows (PATCHSMITH_CONTEXT_SIZE)");
  });

  it("generation time (PATCHSMITH_LLM_TIMEOUT_MS)", async () => {
    // A backend that never answers until it is told to stop.
    const hanging: LlmTransport = {
      info: { model: "hanging", description: "hanging (test)", contextSize: 32_768, parallelism: 1 },
      complete: (request) =>
        new Promise((_resolve, reject) => {
          request.signal.addEventListener("abort", () => {
            reject(request.signal.reason as Error);
          });
        }),
      countTokens: (text) => Promise.resolve(Math.ceil(text.length / 4)),
      dispose: () => Promise.resolve(),
    };
    const result = await reviewChange({ ...reviewOf({ "src/a.ts": file("a") }), generator: buildGenerator(hanging, { timeoutMs: 20 }) });
    expect(result.findings.map((f) => f.rule)).toContain("eslint/prefer-const");
    expect(result.body).toContain("Limit hit: 1 model request ran past the generation time limit (PATCHSMITH_LLM_TIMEOUT_MS) and was stopped.");
  });

  it("reviews per repository per hour (PATCHSMITH_REVIEWS_PER_REPO_PER_HOUR): the check run says so and nothing is reviewed", async () => {
    const REPO = { owner: "Codertocat", repo: "Hello-World" };
    const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
    const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
    const engine = fakeReviewChange(emptyResult());
    const limited = limitReviewsPerRepository(engine, { perHour: 1, now: () => Date.parse("2024-05-01T12:00:00Z") });
    // The hour's one review of this repository already ran.
    await limited({ ...reviewOf({}), repo: { owner: REPO.owner, name: REPO.repo } });

    const log = createTestLog();
    const queue = createInProcessQueue<ReviewJob>({ log: log.log });
    const outcomes: ReviewJobOutcome[] = [];
    const probot = createTestProbot();
    await probot.load(createApp({ reviewChange: limited, queue, settings: readAppSettings({}), now: () => 0, sleep: () => Promise.resolve(), log: log.log, onJobDone: (_job, outcome) => outcomes.push(outcome) }));
    const checkRuns: Sent = [];
    nockInstallationToken(1);
    nockGetPull(REPO, { number: 2, headSha: HEAD, baseSha: BASE });
    nockConfig(REPO, undefined);
    nockListIssueComments(REPO, 2);
    nockCreateCheckRun(REPO, 77, checkRuns);
    nockListReviews(REPO, 2);
    nockListReviewComments(REPO, 2);
    nockListFiles(REPO, 2, [{ filename: "src/greet.ts", status: "modified", patch: "@@ -1 +1 @@\n-a\n+b" }]);
    nockCompare(REPO, BASE, HEAD, { status: "ahead", mergeBaseSha: BASE });
    nockUpdateCheckRun(REPO, 77, checkRuns);

    await probot.receive(webhookEvent("pull_request.opened", "delivery-limit"));
    await queue.onIdle();

    expect(engine.calls).toHaveLength(1);
    expect(outcomes.map((o) => o.kind)).toEqual(["failed"]);
    const completed = checkRuns[1] as { conclusion: string; output: { summary: string } };
    expect(completed.conclusion).toBe("neutral");
    expect(completed.output.summary).toContain("Limit hit: Codertocat/Hello-World has had 1 reviews in the last hour, the most PATCHSMITH_REVIEWS_PER_REPO_PER_HOUR allows, so this one did not run. Re-run the check after 13:00 UTC.");
  });
});
