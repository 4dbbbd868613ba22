import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createCliDeps } from "../../src/cli/create-cli-deps.js";
import { runCli } from "../../src/cli/run-cli.js";
import { captureIo } from "../helpers/cli.js";

/** The real CLI dependencies, except a model factory that fails the test if a --help ever gets that far. */
const deps = { ...createCliDeps(), createModel: () => Promise.reject(new Error("--help ran the command")) };

describe("runCli", () => {
  it.each([
    [["--help"], "Usage: patchsmith <command>"],
    [["review", "--help"], "Usage: patchsmith review [--repo DIR]"],
    [["review", "o/r#1", "--help"], "Usage: patchsmith review <PULL REQUEST URL | OWNER/REPO#N>"],
    [["scan", "--help"], "Usage: patchsmith scan [DIR]"],
    [["demo", "--help"], "Usage: patchsmith demo [--text]"],
    [["model", "--help"], "Usage: patchsmith model pull [URI]"],
    [["model", "pull", "--help"], "Usage: patchsmith model pull [URI]"],
    [["model", "info", "--help"], "Usage: patchsmith model info [MODEL]"],
    [["serve", "--help"], "Usage: patchsmith serve"],
    [["worker", "--help"], "Usage: patchsmith worker"],
  ])("%j prints its usage and runs nothing (exit 0)", async (argv, usage) => {
    const io = captureIo("/nonexistent");
    expect(await runCli(argv, io, deps)).toBe(0);
    expect(io.stdoutText().startsWith(usage)).toBe(true);
    expect(io.stderrText()).toBe("");
  });

  it("--version prints the version from package.json", async () => {
    const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    const io = captureIo("/");
    expect(await runCli(["--version"], io, deps)).toBe(0);
    expect(io.stdoutText()).toBe(`patchsmith ${version}\n`);
  });

  it("an unknown option of demo or model pull is a usage error, not a run", async () => {
    const demo = captureIo("/");
    expect(await runCli(["demo", "--txt"], demo, deps)).toBe(2);
    expect(demo.stderrText()).toMatch(/^patchsmith: Unknown option '--txt'/);
    const pull = captureIo("/");
    expect(await runCli(["model", "pull", "hf:a/b", "hf:c/d"], pull, deps)).toBe(2);
    expect(pull.stderrText()).toBe("patchsmith: model pull takes one URI at most, got 2: hf:a/b hf:c/d.\n");
  });
});
