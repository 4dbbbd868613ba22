import { describe, expect, it } from "vitest";
import { recoverAddedLines } from "../../../src/analyze/secrets/recover-added-lines.js";

describe("recoverAddedLines", () => {
  it("returns every line of an added file, numbered from 1, with no extra line for the final newline", () => {
    expect(recoverAddedLines("a\nb\n")).toEqual([
      { line: 1, text: "a" },
      { line: 2, text: "b" },
    ]);
    expect(recoverAddedLines("")).toEqual([]);
  });

  it("returns only the head lines not in the base, with their head line numbers", () => {
    expect(recoverAddedLines("a\nnew\nb\nc\nlast", "a\nb\nc\n")).toEqual([
      { line: 2, text: "new" },
      { line: 5, text: "last" },
    ]);
  });

  it("does not count moved lines as added", () => {
    expect(recoverAddedLines("c\nb\na\n", "a\nb\nc\n")).toEqual([]);
  });

  it("matches lines as a multiset: a line in the base N times covers N identical head lines", () => {
    expect(recoverAddedLines("x\ny\nx\nx\n", "x\ny\nx\n")).toEqual([{ line: 4, text: "x" }]);
    expect(recoverAddedLines("x\nx\n", "x\nx\nx\n")).toEqual([]);
    // An empty line is a line like any other.
    expect(recoverAddedLines("a\n\n\nb", "a\n\nb")).toEqual([{ line: 3, text: "" }]);
  });

  it("ignores line endings: CRLF and LF versions of a line are the same line", () => {
    expect(recoverAddedLines("a\r\nb\r\nc\r\n", "a\nb\n")).toEqual([{ line: 3, text: "c" }]);
    expect(recoverAddedLines("a\nb\nc", "a\r\nb\r\n")).toEqual([{ line: 3, text: "c" }]);
  });

  it("keeps leading and trailing spaces significant", () => {
    expect(recoverAddedLines("  a\na ", "a\n")).toEqual([
      { line: 1, text: "  a" },
      { line: 2, text: "a " },
    ]);
  });
});
