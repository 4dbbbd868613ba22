import nock from "nock";
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { loadRepoConfig } from "../../src/config/load-repo-config.js";
import { defaultRepoConfig, InvalidConfigError } from "../../src/config/repo-config.js";
import { GITHUB_API, nockConfig } from "../helpers/nock-github.js";

const octokit = new ProbotOctokit({ auth: { token: "t" }, retry: { enabled: false }, throttle: { enabled: false } });
const REPO = { owner: "o", repo: "r" };
const path = (repo: string) => `/repos/o/${repo}/contents/${encodeURIComponent(".github/patchsmith.yml")}`;
const raw = { "content-type": "text/plain; charset=utf-8" };

describe("loadRepoConfig", () => {
  it("uses the defaults when neither the repository nor the owner's .github repository has the file", async () => {
    nockConfig(REPO, undefined);
    expect(await loadRepoConfig({ octokit, ...REPO })).toEqual(defaultRepoConfig);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("reads and validates the repository's file", async () => {
    nockConfig(REPO, "maxComments: 5\nchecks:\n  model: false\n");
    const config = await loadRepoConfig({ octokit, ...REPO });
    expect(config.maxComments).toBe(5);
    expect(config.checks).toEqual({ eslint: true, typescript: true, model: false, tests: true });
  });

  it("falls back to the owner's .github repository, and merges `_extends` deeply", async () => {
    nock(GITHUB_API)
      .get(path("r"))
      .reply(404, {})
      .get(path(".github"))
      .reply(200, "_extends: shared\nchecks:\n  model: false\n", raw)
      .get(path("shared"))
      .reply(200, "checks:\n  tests: false\nseverity: error\n", raw);
    const config = await loadRepoConfig({ octokit, ...REPO });
    expect(config.checks).toEqual({ eslint: true, typescript: true, model: false, tests: false });
    expect(config.severity).toBe("error");
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("throws InvalidConfigError naming the field and the expected value", async () => {
    nockConfig(REPO, "maxComments: 500\n");
    const error = await loadRepoConfig({ octokit, ...REPO }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect((error as Error).message).toMatch(/`maxComments`: .*100/);
  });

  it("throws InvalidConfigError for a file that is not YAML", async () => {
    nockConfig(REPO, "maxComments: [1, 2\n");
    await expect(loadRepoConfig({ octokit, ...REPO })).rejects.toThrow(/^\.github\/patchsmith\.yml could not be read: Configuration could not be parsed from .* \(invalid YAML\)$/);
  });

  it("lets other failures (GitHub down) through as they are", async () => {
    nock(GITHUB_API).get(path("r")).reply(500, { message: "boom" });
    await expect(loadRepoConfig({ octokit, ...REPO })).rejects.toMatchObject({ status: 500 });
  });
});
