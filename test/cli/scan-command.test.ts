import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { runScanCommand } from "../../src/cli/scan-command.js";
import { captureIo, noModelDeps } from "../helpers/cli.js";

const folders: string[] = [];

function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), "patchsmith-scan-cli-"));
  folders.push(root);
  const dir = path.join(root, "shop");
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const BAD_CAST = "export function f(flag: boolean): number {\n  if (!!flag) return 1;\n  return 2;\n}\n";
const WRONG_TYPE = 'export const n: number = "x";\n';
const NOW = Date.parse("2024-05-06T03:12:00Z");

describe("patchsmith scan (CLI)", () => {
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it("prints the same report the tracking issue gets, for a local folder", async () => {
    const dir = project({ "src/flag.ts": BAD_CAST, "src/n.ts": WRONG_TYPE, "README.md": "# shop\n", "node_modules/x/index.js": "var a = 1\n" });
    const io = captureIo(path.dirname(dir));
    const code = await runScanCommand(["shop"], io, noModelDeps.createModel, () => NOW);
    expect(code).toBe(0);
    const out = io.stdoutText();
    expect(out).toContain("### patchsmith repository scan\n\nScanned `shop` on 2024-05-06 03:12 UTC.\n\n**2 findings** and **1 untested export** in 2 files analysed.");
    expect(out).toContain("#### Untested exports\n\nExported functions and classes no test uses:\n\n- `src/flag.ts:1` function `f`");
    expect(out).toContain("| error | `src/n.ts:1` | `ts/TS2322` | Type 'string' is not assignable to type 'number'. |  |");
    expect(out).toContain("| warning | `src/flag.ts:2` | `eslint/no-extra-boolean-cast` | Redundant double negation. | validated |");
    expect(out).toContain("- 1 file: not JavaScript or TypeScript");
    expect(out).not.toContain("node_modules");
    expect(out).not.toContain("<!--");
    expect(io.stderrText()).toContain("No model configured");
  });

  it("uses the folder's .github/patchsmith.yml, never follows a link out of it, and --fail-on sets the exit code", async () => {
    const dir = project({ "src/flag.ts": BAD_CAST, "src/n.ts": WRONG_TYPE, ".github/patchsmith.yml": "ignore: [\"src/n.ts\"]\n" });
    const outside = path.join(path.dirname(dir), "outside.ts");
    writeFileSync(outside, WRONG_TYPE);
    symlinkSync(outside, path.join(dir, "src", "linked.ts"));
    // The redundant cast is a convention (a warning): it fails `--fail-on warning`, not `--fail-on error`.
    expect(await runCli(["scan", "--fail-on", "error", "--format", "json"], captureIo(dir), noModelDeps)).toBe(0);
    const io = captureIo(dir);
    const code = await runCli(["scan", "--fail-on", "warning", "--format", "json"], io, noModelDeps);
    expect(code).toBe(1);
    const result = JSON.parse(io.stdoutText()) as { findings: { path: string; rule: string }[]; skipped: { path: string; reason: string }[] };
    expect(result.findings.map((f) => [f.path, f.rule])).toEqual([["src/flag.ts", "eslint/no-extra-boolean-cast"]]);
    expect(result.skipped).toContainEqual({ path: "src/linked.ts", reason: "a symbolic link; links are not followed" });
  });

  it("answers bad input with one line and exit code 2", async () => {
    const io = captureIo(os.tmpdir());
    expect(await runCli(["scan", "/nonexistent/patchsmith-folder"], io, noModelDeps)).toBe(2);
    expect(io.stderrText()).toMatch(/^patchsmith: Cannot read the folder \/nonexistent\/patchsmith-folder: .*Pass a folder that exists/);
    const io2 = captureIo(os.tmpdir());
    expect(await runCli(["scan", "--format", "text"], io2, noModelDeps)).toBe(2);
    expect(io2.stderrText()).toBe("patchsmith: --format text: expected markdown or json.\n");
    const io3 = captureIo(os.tmpdir(), { PATCHSMITH_SCAN_TOKEN_BUDGET: "lots" });
    expect(await runCli(["scan"], io3, noModelDeps)).toBe(2);
    expect(io3.stderrText()).toMatch(/PATCHSMITH_SCAN_TOKEN_BUDGET: expected a whole number/);
  });
});
