import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { extractTarball } from "../../src/scan/extract-tarball.js";
import { ScanLimitError } from "../../src/scan/scan-limit-error.js";
import { chunks, makeTarball, repositoryTarball, TOP } from "./make-tarball.js";

const LIMITS = { maxTarballBytes: 1_000_000, maxExtractedBytes: 1_000_000, maxFiles: 100 };
const folders: string[] = [];

function tempFolder(): { parent: string; dir: string } {
  const parent = mkdtempSync(path.join(os.tmpdir(), "patchsmith-extract-"));
  folders.push(parent);
  return { parent, dir: path.join(parent, "repository") };
}

/** Every file under a folder, relative, sorted. */
function listTree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe("extractTarball", () => {
  afterEach(() => {
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it("writes the repository's files under the folder, the archive's top folder removed", async () => {
    const { dir } = tempFolder();
    const tarball = makeTarball([
      { path: `${TOP}/`, type: "Directory" },
      { path: `${TOP}/src/index.ts`, body: "export const a = 1;\n" },
      { path: `${TOP}/bin/run.js`, body: "console.log(1);\n", mode: 0o755 },
      { path: `${TOP}/README.md`, body: "# hi\n" },
    ]);
    const tree = await extractTarball({ input: chunks(tarball, 100), dir, limits: LIMITS });
    expect(listTree(dir)).toEqual(["README.md", "bin/run.js", "src/index.ts"]);
    expect(readFileSync(path.join(dir, "src/index.ts"), "utf8")).toBe("export const a = 1;\n");
    expect(tree.files).toBe(3);
    expect(tree.bytes).toBe(20 + 16 + 5);
    expect([...tree.executables]).toEqual(["bin/run.js"]);
    expect(tree.skipped).toEqual([]);
  });

  it("never writes links or paths that leave the folder, and lists them as skipped", async () => {
    const { parent, dir } = tempFolder();
    const tarball = makeTarball([
      { path: `${TOP}/`, type: "Directory" },
      { path: `${TOP}/link-out`, type: "SymbolicLink", linkpath: "/etc/passwd" },
      { path: `${TOP}/hard`, type: "Link", linkpath: `${TOP}/../../outside` },
      { path: `${TOP}/../escaped.txt`, body: "escaped\n" },
      { path: "/absolute.txt", body: "absolute\n" },
      { path: `${TOP}/link-out/through.txt`, body: "through the link\n" },
      { path: `${TOP}/ok.ts`, body: "ok\n" },
    ]);
    const tree = await extractTarball({ input: chunks(tarball), dir, limits: LIMITS });
    expect(listTree(dir)).toEqual(["link-out/through.txt", "ok.ts"]);
    expect(readdirSync(parent)).toEqual(["repository"]);
    expect(existsSync("/absolute.txt")).toBe(false);
    expect(tree.skipped.map((s) => s.path)).toEqual(["link-out", "hard", `${TOP}/../escaped.txt`, "/absolute.txt"]);
    expect(tree.skipped[0]?.reason).toMatch(/symbolic link; links are not followed/);
    expect(tree.skipped[1]?.reason).toMatch(/hard link/);
    expect(tree.skipped[2]?.reason).toMatch(/unsafe path/);
  });

  it("refuses an archive over the download limit while it streams, naming the setting", async () => {
    const { dir } = tempFolder();
    // Random bytes do not compress: the archive is about 200 kB.
    const tarball = makeTarball([{ path: `${TOP}/a.bin`, body: randomBytes(200_000) }]);
    const error = await extractTarball({ input: chunks(tarball, 4096), dir, limits: { ...LIMITS, maxTarballBytes: 50_000 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScanLimitError);
    expect((error as Error).message).toMatch(/over the 50\.0 kB download limit \(PATCHSMITH_SCAN_MAX_TARBALL_BYTES\).*nothing was analysed/);
  });

  it("refuses at once when the declared length is over the limit, without reading", async () => {
    const { dir } = tempFolder();
    let read = false;
    async function* body(): AsyncGenerator<Uint8Array> {
      read = true;
      await Promise.resolve();
      yield new Uint8Array(10);
    }
    await expect(extractTarball({ input: body(), dir, limits: LIMITS, declaredBytes: 2_000_000 })).rejects.toThrow(ScanLimitError);
    expect(read).toBe(false);
  });

  it("refuses a compression bomb by its declared sizes before writing it", async () => {
    const { dir } = tempFolder();
    const zeros = new Uint8Array(3_000_000);
    const tarball = makeTarball([{ path: `${TOP}/small.ts`, body: "ok\n" }, { path: `${TOP}/zeros.bin`, body: zeros }]);
    expect(tarball.length).toBeLessThan(LIMITS.maxTarballBytes);
    const error = await extractTarball({ input: chunks(tarball), dir, limits: LIMITS }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/expands to more than 1\.0 MB \(PATCHSMITH_SCAN_MAX_EXTRACTED_BYTES\)/);
    expect(existsSync(path.join(dir, "zeros.bin"))).toBe(false);
  });

  it("refuses an archive with more entries than the file limit", async () => {
    const { dir } = tempFolder();
    const files = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}.ts`, `export const v${i} = ${i};\n`]));
    await expect(extractTarball({ input: chunks(repositoryTarball(files)), dir, limits: { ...LIMITS, maxFiles: 10 } })).rejects.toThrow(/more than 10 files \(PATCHSMITH_SCAN_MAX_FILES\)/);
  });

  it("says so when what arrived is not a tar archive", async () => {
    const { dir } = tempFolder();
    await expect(extractTarball({ input: chunks(Buffer.from("<html>rate limited</html>".repeat(40))), dir, limits: LIMITS })).rejects.toThrow(/not a tar archive/);
  });

  it("makes the folder even for an archive with no files", async () => {
    const { dir } = tempFolder();
    const tree = await extractTarball({ input: chunks(makeTarball([{ path: `${TOP}/`, type: "Directory" }])), dir, limits: LIMITS });
    expect(tree.files).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("stops when the signal aborts", async () => {
    const { dir } = tempFolder();
    const controller = new AbortController();
    controller.abort(new Error("shutting down"));
    await expect(extractTarball({ input: chunks(repositoryTarball({ "a.ts": "a\n" })), dir, limits: LIMITS, signal: controller.signal })).rejects.toThrow("shutting down");
  });
});
