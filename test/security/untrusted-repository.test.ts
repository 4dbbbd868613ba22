import { cpSync, existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { createTempRepo, type TempRepo } from "../helpers/git-repo.js";
import { captureIo, noModelDeps } from "../helpers/cli.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/hostile-repo");

function canaries(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name === ".git") continue;
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.startsWith("PWNED")) found.push(full);
    }
  };
  walk(dir);
  return found;
}

describe("a repository under review is data, never code", () => {
  let repo: TempRepo;
  afterEach(() => {
    repo.remove();
  });

  it("reviews a repository whose eslint.config.*, tsconfig plugins, package scripts and modules would write marker files, and none is written", async () => {
    repo = createTempRepo();
    cpSync(FIXTURE, repo.dir, { recursive: true });
    repo.git("add", "-A");
    repo.git("commit", "-q", "-m", "base");
    repo.git("checkout", "-q", "-b", "feature");
    repo.commit({ "src/index.ts": readFileSync(path.join(FIXTURE, "src/index.head.ts.txt"), "utf8") });

    const io = captureIo(repo.dir);
    const code = await runCli(["review", "--base", "main", "--head", "feature", "--format", "json"], io, noModelDeps);

    expect(io.stderrText()).not.toMatch(/unexpected error/);
    expect(code).toBe(0);
    // The review really ran: the linter and the type checker both found the new problems.
    const result = JSON.parse(io.stdoutText()) as { findings: { rule: string }[]; notices: { message: string }[] };
    expect(result.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(["eslint/prefer-const", "ts/TS2322"]));
    // The out-of-repository extends is reported, not followed.
    expect(result.notices.map((n) => n.message).join("\n")).toMatch(/tsconfig\.json: .*evil-config/);
    expect(canaries(repo.dir)).toEqual([]);
    expect(existsSync(path.join(repo.dir, "node_modules"))).toBe(false);
  });
});
