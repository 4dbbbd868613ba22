import { afterEach, describe, expect, it } from "vitest";
import { createGitBlobReader, type BatchProcess } from "../../src/workspace/git-blob-reader.js";
import { createGit, createGitFileSource } from "../../src/workspace/git-file-source.js";
import { createTempRepo, type TempRepo } from "../helpers/git-repo.js";

/** A scripted cat-file: answers each written id from `blobs`, in chunks of `chunk` bytes. */
function fakeCatFile(blobs: Record<string, string>, log: { started: number; ended: number; held: boolean[] }, chunk = 3) {
  return (): BatchProcess => {
    log.started++;
    let listener: ((chunk: Buffer) => void) | undefined;
    let exit: ((error: Error) => void) | undefined;
    return {
      write(line) {
        const oid = line.trim();
        const text = blobs[oid];
        if (oid === "dies") {
          queueMicrotask(() => exit?.(new Error("git cat-file --batch exited (128)")));
          return;
        }
        const answer = Buffer.from(text === undefined ? `${oid} missing\n` : `${oid} blob ${Buffer.byteLength(text)}\n${text}\n`);
        for (let at = 0; at < answer.length; at += chunk) {
          const part = answer.subarray(at, at + chunk);
          queueMicrotask(() => listener?.(part));
        }
      },
      onData: (l) => (listener = l),
      onExit: (l) => (exit = l),
      hold: (held) => log.held.push(held),
      end: () => log.ended++,
    };
  };
}

describe("createGitBlobReader", () => {
  let repo: TempRepo | undefined;
  afterEach(() => {
    repo?.remove();
    repo = undefined;
  });

  it("answers reads in order from one process, whatever the chunks, and says which blob is missing", async () => {
    const log = { started: 0, ended: 0, held: [] as boolean[] };
    const read = createGitBlobReader({ cwd: "/nowhere", start: fakeCatFile({ a1: "first\nline", b2: "", c3: "third" }, log) });
    const [a, b, c] = await Promise.all([read("a1"), read("b2"), read("c3")]);
    expect([a.toString(), b.toString(), c.toString()]).toEqual(["first\nline", "", "third"]);
    await expect(read("ff")).rejects.toThrow("could not read blob ff: ff missing");
    expect(log.started).toBe(1);
    expect(log.held.at(-1)).toBe(false);
  });

  it("fails the reads waiting on a process that dies, and starts a new one for the next read", async () => {
    const log = { started: 0, ended: 0, held: [] as boolean[] };
    const read = createGitBlobReader({ cwd: "/nowhere", start: fakeCatFile({ a1: "one" }, log) });
    await expect(read("dies")).rejects.toThrow("exited (128)");
    expect((await read("a1")).toString()).toBe("one");
    expect(log.started).toBe(2);
  });

  it("closes the process after the idle time and starts it again on the next read", async () => {
    const log = { started: 0, ended: 0, held: [] as boolean[] };
    const read = createGitBlobReader({ cwd: "/nowhere", idleMs: 1, start: fakeCatFile({ a1: "one" }, log) });
    await read("a1");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(log.ended).toBe(1);
    await read("a1");
    expect(log.started).toBe(2);
  });

  it("reads a real repository's files as the batch per call did", async () => {
    repo = createTempRepo();
    const sha = repo.commit({ "src/a.ts": "export const a = 1;\n", "src/b.ts": "export const b = 2;\n", "logo.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]) });
    const git = createGit(repo.dir);
    const source = createGitFileSource({ git, sha, maxBytes: 1_000, label: "head", readBlob: createGitBlobReader({ cwd: repo.dir, idleMs: 10 }) });
    const [a, b] = await Promise.all([source.readText("src/a.ts"), source.readText("src/b.ts")]);
    expect([a, b]).toEqual([{ kind: "text", text: "export const a = 1;\n" }, { kind: "text", text: "export const b = 2;\n" }]);
    expect(await source.readText("logo.png")).toMatchObject({ kind: "skipped" });
  });
});
