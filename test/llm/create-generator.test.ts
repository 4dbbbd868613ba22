import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultRepoConfig } from "../../src/config/repo-config.js";
import { createGenerator, NO_MODEL_NOTICE } from "../../src/llm/create-generator.js";
import { writeTinyGguf } from "../helpers/tiny-gguf.js";

let dir: string;
let modelPath: string;
const cpu = { PATCHSMITH_GPU: "cpu", PATCHSMITH_THREADS: "1", PATCHSMITH_CONTEXT_SIZE: "1024" };

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "patchsmith-create-"));
  modelPath = writeTinyGguf({ dir });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("createGenerator", () => {
  it("says plainly that only deterministic checks ran when no model is configured", async () => {
    expect(await createGenerator({ env: {} })).toEqual({ notice: NO_MODEL_NOTICE });
    expect(NO_MODEL_NOTICE).toBe("No model configured (set PATCHSMITH_MODEL or PATCHSMITH_LLM_URL): only deterministic checks ran.");
  });

  it("loads a local GGUF in-process, once, and disposes it", async () => {
    const infos: string[] = [];
    const result = await createGenerator({ env: { ...cpu, PATCHSMITH_MODEL: modelPath }, config: defaultRepoConfig, log: { info: (m) => infos.push(m), warn: () => undefined } });
    expect(result.notice).toBeUndefined();
    expect(result.generator?.describe()).toBe("tiny-test-llama F32 on CPU, node-llama-cpp, 1 sequence of 1024 tokens");
    expect(infos).toContain(`Model loaded: ${result.generator?.describe() ?? ""}`);
    await result.generator?.dispose();
  });

  it("resolves a relative model path against the working directory", async () => {
    const result = await createGenerator({ env: { ...cpu, PATCHSMITH_MODEL: path.basename(modelPath) }, cwd: dir });
    expect(result.generator?.name).toBe("tiny-test-llama");
    await result.generator?.dispose();
  });

  it("uses an OpenAI-compatible server when only PATCHSMITH_LLM_URL is set", async () => {
    const result = await createGenerator({ env: { PATCHSMITH_LLM_URL: "http://127.0.0.1:9/v1", PATCHSMITH_LLM_MODEL: "qwen2.5-coder-7b" } });
    expect(result.generator?.describe()).toBe("qwen2.5-coder-7b (OpenAI-compatible server)");
    expect(result.generator?.parallelism).toBe(4);
  });

  it("names a missing model file and what to do", async () => {
    const missing = path.join(dir, "nope.gguf");
    const result = await createGenerator({ env: { ...cpu, PATCHSMITH_MODEL: missing } });
    expect(result.generator).toBeUndefined();
    expect(result.notice).toBe(
      `Model file ${missing} does not exist. Set PATCHSMITH_MODEL to a .gguf file or an hf: URI, or download one with \`patchsmith model pull\`. ` +
        "Only the deterministic checks (ESLint, TypeScript) run until this is fixed.",
    );
  });

  it("names a file that is not GGUF", async () => {
    const garbage = path.join(dir, "garbage.gguf");
    writeFileSync(garbage, "<html>Not found</html>".repeat(50));
    const result = await createGenerator({ env: { ...cpu, PATCHSMITH_MODEL: garbage } });
    expect(result.generator).toBeUndefined();
    expect(result.notice).toMatch(new RegExp(`^Model file ${garbage.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} is not a GGUF file \\(Invalid GGUF magic`));
    expect(result.notice).toMatch(/Download it again/);
  });

  it("names a truncated (corrupt) GGUF with llama.cpp's own reason", async () => {
    const truncated = path.join(dir, "truncated.gguf");
    writeFileSync(truncated, readFileSync(modelPath).subarray(0, 60_000));
    const result = await createGenerator({ env: { ...cpu, PATCHSMITH_MODEL: truncated } });
    expect(result.generator).toBeUndefined();
    expect(result.notice).toMatch(/^Model file .*truncated\.gguf is corrupted or incomplete \(llama\.cpp: .*(?:corrupted|bounds).*\)\. Download it again/);
  });

  it("says what to change when there is not enough memory", async () => {
    // 64 layers make the KV cache 16 KB a token: 1M tokens × 64 sequences would need about 1 TB.
    const deep = writeTinyGguf({ dir, fileName: "deep.gguf", blockCount: 64 });
    const result = await createGenerator({ env: { ...cpu, PATCHSMITH_MODEL: deep, PATCHSMITH_CONTEXT_SIZE: "1048576", PATCHSMITH_SEQUENCES: "64" } });
    expect(result.generator).toBeUndefined();
    expect(result.notice).toMatch(/^Not enough memory to run deep\.gguf with a context of 1048576 tokens × 64 sequence\(s\) .*Lower PATCHSMITH_CONTEXT_SIZE or PATCHSMITH_SEQUENCES/);
  });

  it("turns a bad setting into a notice instead of throwing", async () => {
    const result = await createGenerator({ env: { PATCHSMITH_MODEL: modelPath, PATCHSMITH_GPU: "tpu" } });
    expect(result.notice).toMatch(/^PATCHSMITH_GPU=tpu is not valid: expected one of auto, cuda, vulkan, metal, cpu\./);
  });
});
