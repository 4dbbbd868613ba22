import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runModelInfo } from "../../src/cli/model-info.js";
import { DEFAULT_MODEL_URI, SMALL_MODEL_URI } from "../../src/llm/default-model.js";
import { writeTinyGguf } from "../helpers/tiny-gguf.js";

let dir: string;
let modelPath: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "patchsmith-info-"));
  modelPath = writeTinyGguf({ dir });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function info(env: Record<string, string>, model?: string): Promise<{ code: number; text: string }> {
  let text = "";
  const code = await runModelInfo({ env: { PATCHSMITH_GPU: "cpu", ...env }, out: { write: (chunk: string) => (text += chunk) }, cwd: dir, ...(model === undefined ? {} : { model }) });
  return { code, text };
}

describe("runModelInfo", () => {
  it("prints the backend, memory and that the configured model fits", async () => {
    const { code, text } = await info({ PATCHSMITH_MODEL: modelPath, PATCHSMITH_CONTEXT_SIZE: "2048" });
    expect(code).toBe(0);
    expect(text).toMatch(/^Backend: {2}CPU/m);
    expect(text).toMatch(/^VRAM: {5}none in use$/m);
    expect(text).toMatch(/^RAM: {6}[\d.]+ [GM]B total, [\d.]+ [GM]B free$/m);
    expect(text).toContain(`Model:    ${modelPath}\n`);
    expect(text).toMatch(/^Size: {5}\d+ KB$/m);
    expect(text).toMatch(/^Fits: {5}yes, on the CPU with a context of 2048 tokens × 1 sequence /m);
  });

  it("says when no model is configured and suggests the one chosen for this machine", async () => {
    const { code, text } = await info({});
    expect(code).toBe(0);
    expect(text).toContain(`Default:  Qwen2.5-Coder 1.5B Instruct (Q4_K_M), because no GPU in use here, and on a CPU the 7B is too slow for a review (the 7B needs a GPU with 6.00 GB free): \`patchsmith model pull\` takes ${SMALL_MODEL_URI}\n`);
    expect(text).toContain(`Model:    not configured: set PATCHSMITH_MODEL to a .gguf file or a URI (suggested for this machine: ${SMALL_MODEL_URI})\n`);
  });

  it("says which model a GPU with room would take, and why (an injected GPU: there is none here)", async () => {
    let text = "";
    const hardware = { gpu: "cuda", vramTotal: 16e9, vramFree: 15e9 } as const;
    expect(await runModelInfo({ env: { PATCHSMITH_GPU: "cpu" }, out: { write: (chunk: string) => (text += chunk) }, cwd: dir, hardware })).toBe(0);
    expect(text).toContain(`Default:  Qwen2.5-Coder 7B Instruct (Q4_K_M), because the CUDA GPU has 15.00 GB free of 16.00 GB, room for the 7B (it needs about 6.00 GB): \`patchsmith model pull\` takes ${DEFAULT_MODEL_URI}\n`);
  });

  it("fails when the model is missing or cannot fit", async () => {
    const missing = await info({ PATCHSMITH_MODEL: "nope.gguf" });
    expect(missing.code).toBe(1);
    expect(missing.text).toContain(`Model file ${path.join(dir, "nope.gguf")} does not exist.`);

    const named = await info({ PATCHSMITH_MODEL: modelPath }, "gone.gguf");
    expect(named.code).toBe(1);
    expect(named.text).toContain(`Model file ${path.join(dir, "gone.gguf")} does not exist.`);

    // Trained for a context this long, so the one asked for is only too big for the memory.
    const deep = writeTinyGguf({ dir, fileName: "deep.gguf", blockCount: 64, contextLength: 2_000_000 });
    const tooBig = await info({ PATCHSMITH_MODEL: deep, PATCHSMITH_CONTEXT_SIZE: "1048576", PATCHSMITH_SEQUENCES: "64" });
    expect(tooBig.code).toBe(1);
    expect(tooBig.text).toMatch(/^Fits: {5}no: a context of 1048576 tokens × 64 sequences needs more memory than this machine has/m);
  });

  it("says when the context asked for is longer than the model was trained for (not that memory is short)", async () => {
    const { code, text } = await info({ PATCHSMITH_MODEL: modelPath, PATCHSMITH_CONTEXT_SIZE: "8192" });
    expect(code).toBe(1);
    expect(text).toMatch(/^Fits: {5}no: a context of 8192 tokens is longer than the model was trained for \(4096 tokens\); set PATCHSMITH_CONTEXT_SIZE to 4096 or less$/m);
  });

  it("mentions the server when inference runs elsewhere", async () => {
    const { text } = await info({ PATCHSMITH_LLM_URL: "http://gpu-box:8080/v1" });
    expect(text).toMatch(/^Server: {3}http:\/\/gpu-box:8080\/v1 \(OpenAI-compatible; inference runs there/m);
  });
});
