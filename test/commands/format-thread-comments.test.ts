import { describe, expect, it } from "vitest";
import { formatThreadComments } from "../../src/commands/format-thread-comments.js";

const person = { login: "ana", type: "User" };

describe("formatThreadComments", () => {
  it("labels authors, drops hidden markers and keeps the most recent comments that fit", () => {
    const comments = [
      { id: 1, author: { login: "patchsmith[bot]", type: "Bot" }, body: "old finding <!-- patchsmith:fp=0123456789abcdef -->" },
      { id: 2, author: person, body: "x".repeat(50) },
      { id: 3, author: person, body: "latest" },
    ];
    expect(formatThreadComments(comments)).toBe(`patchsmith[bot] (an app) wrote:\nold finding\n\nana wrote:\n${"x".repeat(50)}\n\nana wrote:\nlatest`);
    expect(formatThreadComments(comments, 80)).toBe(`[1 older comment not shown]\n\nana wrote:\n${"x".repeat(50)}\n\nana wrote:\nlatest`);
    expect(formatThreadComments(comments, 10)).toBe("[2 older comments not shown]\n\nana wrote:\nlatest");
  });
});
