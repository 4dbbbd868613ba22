import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/cli/cli-io.js";
import { namesPullRequest } from "../../src/cli/names-pull-request.js";
import { parsePullRequestRef } from "../../src/cli/parse-pull-request-ref.js";

describe("parsePullRequestRef", () => {
  it.each([
    ["https://github.com/octo-org/widgets/pull/123", { owner: "octo-org", repo: "widgets", number: 123, host: "github.com" }],
    ["https://github.com/octo-org/widgets/pull/123/files", { owner: "octo-org", repo: "widgets", number: 123, host: "github.com" }],
    ["https://github.com/octo-org/widgets/pull/123/files?w=1#diff-abc", { owner: "octo-org", repo: "widgets", number: 123, host: "github.com" }],
    ["https://www.github.com/octo-org/widgets/pull/7/", { owner: "octo-org", repo: "widgets", number: 7, host: "github.com" }],
    ["github.com/octo-org/my.repo_2/pull/9", { owner: "octo-org", repo: "my.repo_2", number: 9, host: "github.com" }],
    ["https://GHE.example.com/team/app/pull/4", { owner: "team", repo: "app", number: 4, host: "ghe.example.com" }],
    ["  octo-org/widgets#123  ", { owner: "octo-org", repo: "widgets", number: 123 }],
    ["o/r#1", { owner: "o", repo: "r", number: 1 }],
  ])("reads %s", (text, expected) => {
    expect(parsePullRequestRef(text)).toEqual(expected);
  });

  it.each([
    ["https://github.com/octo-org/widgets/issues/123", /not a pull request URL \(a pull request's URL has \/pull\/N in it/],
    ["https://github.com/octo-org/widgets", /not a pull request URL: expected a pull request URL such as https:\/\/github\.com\/OWNER\/REPO\/pull\/123, or OWNER\/REPO#123/],
    ["octo-org/widgets", /not a pull request URL/],
    ["widgets#12", /not a pull request URL/],
    ["octo-org/widgets#0", /pull request numbers start at 1/],
    ["octo-org/..#3", /names no repository/],
    ["-bad/widgets#3", /not a pull request/],
    ["ftp://github.com/o/r/pull/1", /is not a pull request/],
    ["https://github.com/o/r/pull/1/../../x", /not a pull request URL/],
  ])("refuses %s, saying which forms work", (text, message) => {
    expect(() => parsePullRequestRef(text)).toThrow(UsageError);
    expect(() => parsePullRequestRef(text)).toThrow(message);
  });

  it("refuses a URL with credentials without repeating them", () => {
    const secret = "ghp_supersecret";
    expect(() => parsePullRequestRef(`https://me:${secret}@github.com/o/r/pull/1`)).toThrow(/user name or password in it \(not repeated here\)/);
    try {
      parsePullRequestRef(`https://me:${secret}@github.com/o/r/pull/1`);
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
  });
});

describe("namesPullRequest (which mode `patchsmith review` runs)", () => {
  it.each([
    [["https://github.com/o/r/pull/1"], true],
    [["--post", "o/r#1", "--format", "markdown"], true],
    [["--token", "abc", "o/r#1"], true],
    [["--base", "main", "--head", "origin/fix#12"], false],
    [["--repo", ".", "--format", "json"], false],
    [["--token", "abc"], false],
    [[], false],
  ])("%j → %s", (args, expected) => {
    expect(namesPullRequest(args)).toBe(expected);
  });
});
