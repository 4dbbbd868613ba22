import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDemoRepository, DEMO_DIR } from "../../src/cli/demo-command.js";
import { runCli } from "../../src/cli/run-cli.js";
import { createTempRepo, type TempRepo } from "../helpers/git-repo.js";
import { captureIo, noModelDeps } from "../helpers/cli.js";
import { rmSync } from "node:fs";

describe("patchsmith review (CLI, end to end on a git repository)", () => {
  let repo: TempRepo | undefined;
  let demoDir: string | undefined;
  afterEach(() => {
    repo?.remove();
    repo = undefined;
    if (demoDir !== undefined) rmSync(demoDir, { recursive: true, force: true });
    demoDir = undefined;
  });

  it("prints the review of the sample project exactly as the App would post it", async () => {
    demoDir = await createDemoRepository(DEMO_DIR);
    const io = captureIo(demoDir);
    const code = await runCli(["review", "--base", "main", "--head", "feature", "--format", "markdown"], io, noModelDeps);
    expect(io.stderrText()).toBe("patchsmith: No model configured (set PATCHSMITH_MODEL or PATCHSMITH_LLM_URL): only deterministic checks ran.\n");
    expect(code).toBe(0);
    await expect(io.stdoutText()).toMatchFileSnapshot(path.join(import.meta.dirname, "__snapshots__", "demo-review.md"));
  });

  it("prints findings with their validated suggestions as text, and --fail-on sets the exit code", async () => {
    demoDir = await createDemoRepository(DEMO_DIR);
    const io = captureIo(demoDir);
    const code = await runCli(["review", "--base", "main", "--head", "feature", "--fail-on", "error"], io, noModelDeps);
    expect(code).toBe(1);
    const out = io.stdoutText();
    expect(out).toContain("src/cart.ts:16  warning  eslint/prefer-const");
    expect(out).toContain("  +   const total = subtotal(items);");
    expect(out).toMatch(/src\/cart\.ts:18 {2}error {2}ts\/TS2322/);
  });

  it("in CI, says each step on stderr (stdout stays the report alone); --quiet says nothing", async () => {
    demoDir ??= await createDemoRepository(DEMO_DIR);
    const io = captureIo(demoDir, { CI: "true" });
    await runCli(["review", "--base", "main", "--head", "feature", "--format", "json"], io, noModelDeps);
    expect(io.stderrText()).toMatch(/^patchsmith: loading files…$/m);
    expect(io.stderrText()).toMatch(/^patchsmith: ESLint and TypeScript… \(loading files: \d+\.\d s\)$/m);
    expect(io.stderrText()).toMatch(/^patchsmith: review done in \d+\.\d s\.$/m);
    expect(() => JSON.parse(io.stdoutText()) as unknown).not.toThrow();
    const quiet = captureIo(demoDir, { CI: "true" });
    await runCli(["review", "--base", "main", "--head", "feature", "--quiet"], quiet, noModelDeps);
    expect(quiet.stderrText()).not.toContain("loading files");
  });

  it("reports each bad input once, naming the file, and reviews the rest", async () => {
    repo = createTempRepo();
    repo.commit({ "src/ok.ts": "export const ok = 1;\n", "tsconfig.json": '{ "compilerOptions": { "strict": true } }' });
    repo.git("checkout", "-q", "-b", "feature");
    repo.commit({
      "tsconfig.json": '{ "compilerOptions": { "strict": tru',
      "src/ok.ts": "export const ok = 1;\nlet again = ok;\nexport { again };\n",
      "src/image.ts": new Uint8Array([0x47, 0x49, 0x46, 0x00, 0x01]),
      "src/huge.ts": `export const big = "${"x".repeat(1_100_000)}";\n`,
      "src/latin1.ts": new Uint8Array([0x2f, 0x2f, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a]),
    });
    const io = captureIo(repo.dir);
    const code = await runCli(["review", "--base", "main", "--format", "json"], io, noModelDeps);
    expect(code).toBe(0);
    const result = JSON.parse(io.stdoutText()) as {
      findings: { path: string; rule: string }[];
      skipped: { path: string; reason: string }[];
      notices: { message: string }[];
    };
    expect(result.findings.map((f) => `${f.path} ${f.rule}`)).toEqual(["src/ok.ts eslint/prefer-const"]);
    const skipped = Object.fromEntries(result.skipped.map((s) => [s.path, s.reason]));
    expect(skipped["src/image.ts"]).toMatch(/binary/);
    expect(skipped["src/huge.ts"]).toMatch(/over the 1\.0 MB limit/);
    expect(skipped["src/latin1.ts"]).toMatch(/not valid UTF-8/);
    expect(result.skipped).toHaveLength(3);
    const tsconfigNotices = result.notices.filter((n) => n.message.includes("tsconfig.json"));
    expect(tsconfigNotices).toHaveLength(1);
    expect(tsconfigNotices[0]?.message).toMatch(/not valid JSON/);
  });

  it("reviews the other files when one is nested 20,000 brackets deep, and names it, instead of exiting 70 on a stack overflow", async () => {
    repo = createTempRepo();
    repo.commit({ "src/ok.ts": "export const ok = 1;\n", "tsconfig.json": '{ "compilerOptions": { "strict": true } }' });
    repo.git("checkout", "-q", "-b", "feature");
    repo.commit({
      "src/ok.ts": "export const ok = 1;\nlet again = ok;\nexport { again };\n",
      "src/brackets.ts": `export const a = ${"[".repeat(20_000)}${"]".repeat(20_000)};\n`,
      "src/parens.ts": `export const b = ${"(".repeat(20_000)}1${")".repeat(20_000)};\n`,
    });
    const io = captureIo(repo.dir);
    expect(await runCli(["review", "--base", "main", "--format", "json"], io, noModelDeps)).toBe(0);
    const result = JSON.parse(io.stdoutText()) as { findings: { path: string; rule: string }[]; skipped: { path: string; reason: string }[] };
    expect(result.findings.map((f) => `${f.path} ${f.rule}`)).toEqual(["src/ok.ts eslint/prefer-const"]);
    expect(result.skipped.map((s) => s.path).sort()).toEqual(["src/brackets.ts", "src/parens.ts"]);
    for (const s of result.skipped) expect(s.reason).toMatch(/nest 20,000 levels deep/);
  });

  it("uses the repository's maxFileBytes for the size limit", async () => {
    repo = createTempRepo();
    repo.commit({ "src/ok.ts": "export const ok = 1;\n" });
    repo.git("checkout", "-q", "-b", "feature");
    repo.commit({ ".github/patchsmith.yml": "maxFileBytes: 500\n", "src/big.ts": `export const big = "${"x".repeat(600)}";\n` });
    const io = captureIo(repo.dir);
    expect(await runCli(["review", "--base", "main", "--format", "json"], io, noModelDeps)).toBe(0);
    const result = JSON.parse(io.stdoutText()) as { skipped: { path: string; reason: string }[] };
    expect(result.skipped).toEqual([{ path: "src/big.ts", reason: expect.stringMatching(/over the 500 B limit/) as string }]);
  });

  it("--config naming a file that does not exist: one line and the usage exit code, not a stack trace", async () => {
    repo = createTempRepo();
    repo.commit({ "a.ts": "export const a = 1;\n" });
    const io = captureIo(repo.dir);
    expect(await runCli(["review", "--base", "HEAD", "--config", "/nonexistent.yml"], io, noModelDeps)).toBe(2);
    expect(io.stderrText()).toBe("patchsmith: --config /nonexistent.yml: cannot read it (ENOENT).\n");
    expect(io.stdoutText()).toBe("");
  });

  it("says that a binary .github/patchsmith.yml was not read and the defaults were used", async () => {
    repo = createTempRepo();
    repo.commit({ "a.ts": "export const a = 1;\n" });
    repo.git("checkout", "-q", "-b", "feature");
    repo.commit({ ".github/patchsmith.yml": new Uint8Array([0x66, 0x61, 0x69, 0x6c, 0x00, 0x01, 0x02]) });
    const io = captureIo(repo.dir);
    expect(await runCli(["review", "--base", "main", "--format", "json"], io, noModelDeps)).toBe(0);
    expect(io.stderrText()).toContain(
      "patchsmith: .github/patchsmith.yml was not read (.github/patchsmith.yml is a binary file; only text files are reviewed); the defaults were used for this review.\n",
    );
  });

  it("says what to do about a base revision that does not exist", async () => {
    repo = createTempRepo();
    repo.commit({ "a.ts": "export const a = 1;\n" });
    const io = captureIo(repo.dir);
    const code = await runCli(["review", "--base", "release-9"], io, noModelDeps);
    expect(code).toBe(2);
    expect(io.stderrText()).toBe("patchsmith: --base release-9: no such branch, tag or commit in this repository. Check the name, or run `git fetch` first.\n");
  });

  it("rejects an unknown format and a directory that is not a git repository", async () => {
    const io = captureIo("/");
    expect(await runCli(["review", "--format", "xml"], io, noModelDeps)).toBe(2);
    expect(io.stderrText()).toContain("--format xml: expected text, json or markdown.");
    const io2 = captureIo("/");
    expect(await runCli(["review", "--repo", "/proc"], io2, noModelDeps)).toBe(2);
    expect(io2.stderrText()).toContain("/proc is not a git repository");
  });
});
