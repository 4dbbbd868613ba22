import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDirectoryFileSource } from "../../src/scan/create-directory-file-source.js";

const folders: string[] = [];

function makeFolder(files: Record<string, string | Uint8Array>): { root: string; dir: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), "patchsmith-dir-"));
  folders.push(root);
  const dir = path.join(root, "project");
  mkdirSync(dir);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return { root, dir };
}

describe("createDirectoryFileSource", () => {
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it("lists the folder's files sorted, without .git or node_modules, and reads them as text", async () => {
    const { dir } = makeFolder({ "src/b.ts": "b\n", "src/a.ts": "\uFEFFa\n", "README.md": "# r\n", ".git/config": "[core]\n", "node_modules/x/index.js": "x\n" });
    const source = await createDirectoryFileSource({ dir, maxBytes: 1000, maxFiles: 100 });
    expect(await source.listPaths()).toEqual(["README.md", "src/a.ts", "src/b.ts"]);
    expect(await source.readText("src/a.ts")).toEqual({ kind: "text", text: "a\n" });
    expect(await source.readText("src/missing.ts")).toEqual({ kind: "missing" });
    expect(await source.readText(".git/config")).toEqual({ kind: "missing" });
  });

  it("never follows a symbolic link, to a file or a folder outside", async () => {
    const { root, dir } = makeFolder({ "src/index.ts": "export {};\n" });
    writeFileSync(path.join(root, "secret.txt"), "outside\n");
    mkdirSync(path.join(root, "outside-dir"));
    writeFileSync(path.join(root, "outside-dir", "x.ts"), "outside\n");
    symlinkSync(path.join(root, "secret.txt"), path.join(dir, "src", "secret.ts"));
    symlinkSync(path.join(root, "outside-dir"), path.join(dir, "linked"));
    const source = await createDirectoryFileSource({ dir, maxBytes: 1000, maxFiles: 100 });
    expect(await source.listPaths()).toEqual(["src/index.ts"]);
    expect(await source.readText("src/secret.ts")).toEqual({ kind: "missing" });
    expect(await source.readText("linked/x.ts")).toEqual({ kind: "missing" });
    expect(await source.readText("../secret.txt")).toEqual({ kind: "missing" });
    expect(source.skipped.map((s) => s.path).sort()).toEqual(["linked", "src/secret.ts"]);
    expect(source.skipped[0]?.reason).toMatch(/symbolic link/);
  });

  it("skips oversized, binary and non-UTF-8 files with the same reasons as every source", async () => {
    const { dir } = makeFolder({ "big.ts": "x".repeat(2000), "bin.ts": new Uint8Array([0, 1, 2]), "latin.ts": new Uint8Array([0xe9, 0x0a]) });
    const source = await createDirectoryFileSource({ dir, maxBytes: 1000, maxFiles: 100 });
    expect(await source.readText("big.ts")).toMatchObject({ kind: "skipped", reason: expect.stringMatching(/over the 1\.0 kB limit/) as unknown });
    expect(await source.readText("bin.ts")).toMatchObject({ kind: "skipped", reason: expect.stringMatching(/binary/) as unknown });
    expect(await source.readText("latin.ts")).toMatchObject({ kind: "skipped", reason: expect.stringMatching(/not valid UTF-8/) as unknown });
  });

  it("stops listing at maxFiles and says so", async () => {
    const { dir } = makeFolder({ "a.ts": "a", "b.ts": "b", "c.ts": "c" });
    const source = await createDirectoryFileSource({ dir, maxBytes: 1000, maxFiles: 2 });
    expect(await source.listPaths()).toEqual(["a.ts", "b.ts"]);
    expect(source.capped).toBe(true);
  });

  it("names the folder when it cannot be read", async () => {
    await expect(createDirectoryFileSource({ dir: "/nonexistent/patchsmith", maxBytes: 1, maxFiles: 1 })).rejects.toThrow(/Cannot read the folder \/nonexistent\/patchsmith/);
  });
});
