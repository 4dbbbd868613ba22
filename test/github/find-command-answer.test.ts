import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { findCommandAnswer } from "../../src/github/find-command-answer.js";
import type { CommandComment } from "../../src/github/command-comment.js";
import { renderAnswerMarker } from "../../src/review/markers.js";
import { nockListThreadComments } from "../commands/nock-commands.js";
import { nockListIssueComments } from "../helpers/nock-github.js";

const octokit = new ProbotOctokit({ auth: { token: "t" }, retry: { enabled: false }, throttle: { enabled: false } });
const REPO = { owner: "Codertocat", repo: "Hello-World" };
const person = { login: "mallory", type: "User" };
afterEach(() => {
  nock.cleanAll();
});

describe("findCommandAnswer", () => {
  it("finds a bot's conversation reply carrying the marker of this comment, not of another comment, and not a person's", async () => {
    const comment: CommandComment = { kind: "issue", id: 42 };
    nockListIssueComments(REPO, 2, [
      { id: 1, body: renderAnswerMarker({ to: { kind: "issue", id: 42 }, outcome: "done" }), user: person },
      { id: 2, body: renderAnswerMarker({ to: { kind: "issue", id: 41 }, outcome: "done" }) },
      { id: 3, body: `Sorry.\n\n${renderAnswerMarker({ to: { kind: "issue", id: 42 }, outcome: "failed" })}` },
    ]);
    expect(await findCommandAnswer({ octokit, ...REPO, pullNumber: 2, comment })).toEqual({ id: 3, outcome: "failed" });
    nockListIssueComments(REPO, 2, [{ id: 1, body: "Nothing here." }]);
    expect(await findCommandAnswer({ octokit, ...REPO, pullNumber: 2, comment })).toBeUndefined();
  });

  it("in a line thread, looks only among the replies to the thread's first comment", async () => {
    const comment: CommandComment = { kind: "review", id: 77, threadId: 70, isReply: true, path: "src/a.ts", line: 2, startLine: null, side: "RIGHT", startSide: null };
    const marker = renderAnswerMarker({ to: { kind: "review", id: 77 }, outcome: "done" });
    nockListThreadComments(REPO, 2, [
      { id: 70, body: "Root.", path: "src/a.ts", line: 2, user: person },
      { id: 71, body: marker, inReplyTo: 60, path: "src/b.ts", line: 1 },
      { id: 78, body: `Done.\n\n${marker}`, inReplyTo: 70, path: "src/a.ts", line: 2 },
    ]);
    expect(await findCommandAnswer({ octokit, ...REPO, pullNumber: 2, comment })).toEqual({ id: 78, outcome: "done" });
  });
});
