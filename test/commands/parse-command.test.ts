import { describe, expect, it } from "vitest";
import { MAX_COMMAND_ARGS, parseCommand } from "../../src/commands/parse-command.js";

describe("parseCommand", () => {
  it("reads `/patchsmith <command>` at the start of a line, with its arguments", () => {
    expect(parseCommand("/patchsmith review")).toEqual({ name: "review", args: "" });
    expect(parseCommand("/patchsmith fix use a const here")).toEqual({ name: "fix", args: "use a const here" });
    expect(parseCommand("Thanks!\n\n/patchsmith ask why is this cached?\nAnd for how long?")).toEqual({ name: "ask", args: "why is this cached?\nAnd for how long?" });
  });

  it("reads `@<app-slug> <command>` only when the slug is known", () => {
    expect(parseCommand("@patchsmith-dev explain", { appSlug: "patchsmith-dev" })).toEqual({ name: "explain", args: "" });
    expect(parseCommand("@patchsmith-dev[bot] pause", { appSlug: "patchsmith-dev" })).toEqual({ name: "pause", args: "" });
    expect(parseCommand("@patchsmith-dev explain")).toBeUndefined();
    expect(parseCommand("@someone-else explain", { appSlug: "patchsmith-dev" })).toBeUndefined();
  });

  it("ignores case in the prefix and the command word, and trailing punctuation after the word", () => {
    expect(parseCommand("/Patchsmith HELP")).toEqual({ name: "help", args: "" });
    expect(parseCommand("/patchsmith fix: rename it")).toEqual({ name: "fix", args: "rename it" });
  });

  it("asks for the help on an unknown or missing command word, naming the word", () => {
    expect(parseCommand("/patchsmith deploy now")).toEqual({ name: "help", args: "", unknown: "deploy" });
    expect(parseCommand("/patchsmith")).toEqual({ name: "help", args: "" });
  });

  it("finds no command mid-line, in a longer word, in a block quote or in a fenced code block", () => {
    expect(parseCommand("please run /patchsmith review")).toBeUndefined();
    expect(parseCommand("/patchsmithy review")).toBeUndefined();
    expect(parseCommand("> /patchsmith review\n\nquoting the last one")).toBeUndefined();
    expect(parseCommand("```\n/patchsmith review\n```")).toBeUndefined();
    expect(parseCommand("~~~~md\n/patchsmith review\n~~~\n/patchsmith fix\n~~~~\n")).toBeUndefined();
    expect(parseCommand("```\nexample\n```\n/patchsmith pause")).toEqual({ name: "pause", args: "" });
    expect(parseCommand("    /patchsmith review")).toBeUndefined();
    expect(parseCommand("   /patchsmith review")).toEqual({ name: "review", args: "" });
  });

  it("takes the first command only, with CRLF line ends", () => {
    expect(parseCommand("/patchsmith pause\r\n/patchsmith resume")).toEqual({ name: "pause", args: "/patchsmith resume" });
  });

  it("cuts very long arguments", () => {
    const parsed = parseCommand(`/patchsmith ask ${"x".repeat(MAX_COMMAND_ARGS * 2)}`);
    expect(parsed?.args).toHaveLength(MAX_COMMAND_ARGS);
  });

  it("never takes a malformed slug into its pattern", () => {
    expect(parseCommand("@a.b explain", { appSlug: "a.b" })).toBeUndefined();
    expect(parseCommand("@x explain", { appSlug: ".*" })).toBeUndefined();
  });
});
