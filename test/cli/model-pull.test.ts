import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runModelPull } from "../../src/cli/model-pull.js";
import { serveFile } from "../helpers/serve-file.js";
import { startSilentServer } from "../helpers/silent-server.js";
import { writeTinyGguf } from "../helpers/tiny-gguf.js";

// node-llama-cpp's downloader (ipull) keeps progress per 5 MiB chunk, so the file served here is a
// tiny GGUF made a little wider (about 11 MB): the first chunk can finish while the rest stalls.
const CHUNK = 5 * 1024 * 1024;
let work: string;
let data: Buffer;

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), "patchsmith-pull-"));
  data = readFileSync(writeTinyGguf({ dir: path.join(work, "src"), embeddingLength: 256, blockCount: 4, feedForwardLength: 512 }));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function collect(): { out: { write(text: string): boolean }; text: () => string } {
  let text = "";
  return { out: { write: (chunk: string) => ((text += chunk), true) }, text: () => text };
}

/** Start a download in a child process and kill it (SIGKILL, like a crash) once the first chunk is saved. */
async function interruptedDownload(url: string, cacheDir: string): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/helpers/model-pull-child.ts", url, cacheDir], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => { resolve(code); }));
  await new Promise<void>((resolve, reject) => {
    let buffered = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const downloaded = [...buffered.matchAll(/progress (\d+) /g)].map((m) => Number(m[1]));
      if (downloaded.some((bytes) => bytes >= CHUNK)) {
        // Give the downloader a moment to write the chunk's progress record, then pull the plug.
        setTimeout(() => {
          child.kill("SIGKILL");
          resolve();
        }, 300);
      }
    });
    void exited.then((code) => { reject(new Error(`the download child exited (${String(code)}) before it was interrupted: ${stderr}`)); });
  });
  await exited;
}

describe("runModelPull", () => {
  it("resumes an interrupted download instead of starting over", async () => {
    const server = await serveFile(data, "tiny.gguf");
    const cacheDir = path.join(work, "resume");
    try {
      server.stallAfterFirstChunk = true;
      await interruptedDownload(server.url, cacheDir);
      expect(readdirSync(cacheDir)).toEqual(["tiny.gguf.ipull"]);

      server.stallAfterFirstChunk = false;
      server.requests.length = 0;
      const { out, text } = collect();
      const code = await runModelPull({ uri: server.url, cacheDir, out });

      expect(code).toBe(0);
      expect(readFileSync(path.join(cacheDir, "tiny.gguf")).equals(data)).toBe(true);
      expect(existsSync(path.join(cacheDir, "tiny.gguf.ipull"))).toBe(false);
      const ranged = server.requests.filter((r) => r.rangeStart !== undefined).map((r) => r.rangeStart ?? 0);
      expect(ranged.length).toBeGreaterThan(0);
      expect(Math.min(...ranged)).toBeGreaterThanOrEqual(CHUNK);
      expect(text()).toContain(`Downloading ${server.url}`);
      expect(text()).toMatch(/resuming an interrupted download: 5\.2 MB already here/);
      expect(text()).toMatch(/\[={30}\] 100% {2}11\.0 MB \/ 11\.0 MB/);
      expect(text()).toContain(`Use it with: PATCHSMITH_MODEL=${path.join(cacheDir, "tiny.gguf")}`);
    } finally {
      await server.close();
    }
  });

  it("does not download a complete file again", async () => {
    const server = await serveFile(data, "tiny.gguf");
    const cacheDir = path.join(work, "again");
    try {
      expect(await runModelPull({ uri: server.url, cacheDir, out: collect().out })).toBe(0);
      server.requests.length = 0;
      const { out, text } = collect();
      expect(await runModelPull({ uri: server.url, cacheDir, out })).toBe(0);
      expect(text()).toContain("Already downloaded:");
      expect(server.requests.filter((r) => r.rangeStart !== undefined)).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("with no URI, takes the model chosen for this machine and says which and why", async () => {
    const server = await serveFile(data, "tiny.gguf");
    try {
      const { out, text } = collect();
      const chooseModel = () => Promise.resolve({ uri: server.url, label: "Tiny (F32)", reason: "no GPU in use here" });
      expect(await runModelPull({ chooseModel, cacheDir: path.join(work, "chosen"), out })).toBe(0);
      expect(text()).toMatch(/^No model named: taking Tiny \(F32\), because no GPU in use here\.\nDownloading http/);
      expect(readFileSync(path.join(work, "chosen", "tiny.gguf")).equals(data)).toBe(true);
      // A URI on the command line wins, and nothing is chosen.
      const named = collect();
      const refuse = () => Promise.reject(new Error("not asked"));
      expect(await runModelPull({ uri: server.url, chooseModel: refuse, cacheDir: path.join(work, "chosen"), out: named.out })).toBe(0);
      expect(named.text()).not.toContain("No model named");
    } finally {
      await server.close();
    }
  });

  it("redraws one progress line on a terminal", async () => {
    const server = await serveFile(data, "tiny.gguf");
    try {
      let text = "";
      const code = await runModelPull({ uri: server.url, cacheDir: path.join(work, "tty"), out: { isTTY: true, write: (chunk: string) => ((text += chunk), true) } });
      expect(code).toBe(0);
      expect(text).toMatch(/\r\[={30}\] 100%/);
      expect(text.split("\n").filter((line) => line.includes("%"))).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("says a 404 is a wrong URI, without 'run the same command again to resume' (no retry fixes it)", async () => {
    const server = await serveFile(data, "tiny.gguf");
    try {
      const { out, text } = collect();
      const missing = server.url.replace("tiny.gguf", "missing.gguf");
      expect(await runModelPull({ uri: missing, cacheDir: path.join(work, "fail"), out })).toBe(1);
      const host = new URL(server.url).host;
      expect(text().trimEnd().split("\n").at(-1)).toBe(
        `patchsmith model pull: could not download ${missing}: ${host} has no such file (404). Check the URI: hf:user/repo:quant, hf:user/repo/file.gguf or an https:// URL to a .gguf file.`,
      );
      expect(text()).not.toContain("again");
    } finally {
      await server.close();
    }
  });

  it("gives up on a server that never answers, saying so while it waits, instead of retrying for ever in silence", async () => {
    const silent = await startSilentServer();
    const url = `${silent.url}/model.gguf`;
    try {
      const { out, text } = collect();
      const code = await runModelPull({ uri: url, cacheDir: path.join(work, "silent"), out, limits: { answerMs: 1_000, stallMs: 1_000, noticeMs: 400 } });
      expect(code).toBe(1);
      expect(text()).toBe(
        [
          "  no answer yet from the server (0.4 s of 1 s); still trying",
          "  no answer yet from the server (0.8 s of 1 s); still trying",
          `patchsmith model pull: could not download ${url}: ${new URL(silent.url).host} did not answer within 1 s. Check the URL, the network and any proxy; then run the same command again to retry.`,
          "",
        ].join("\n"),
      );
    } finally {
      await silent.close();
    }
  });

  it("ends a download that stops sending after the stall limit, keeping the partial file to resume", async () => {
    const server = await serveFile(data, "tiny.gguf");
    const cacheDir = path.join(work, "stall");
    try {
      server.stallAfterFirstChunk = true;
      const { out, text } = collect();
      expect(await runModelPull({ uri: server.url, cacheDir, out, limits: { answerMs: 10_000, stallMs: 1_000, noticeMs: 10_000 } })).toBe(1);
      expect(text().trimEnd().split("\n").at(-1)).toBe(
        `patchsmith model pull: could not download ${server.url}: no data came from ${new URL(server.url).host} for 1 s. Run the same command again to resume (the partial file is kept).`,
      );
      expect(readdirSync(cacheDir)).toEqual(["tiny.gguf.ipull"]);
    } finally {
      await server.close();
    }
  });
});
