import { describe, expect, it } from "vitest";
import { modelCacheDir } from "../../src/llm/model-cache-dir.js";
import { readLlmSettings } from "../../src/llm/read-llm-settings.js";

describe("readLlmSettings", () => {
  it("has defaults for everything", () => {
    expect(readLlmSettings({ HOME: "/home/u" })).toEqual({
      modelDir: modelCacheDir({}),
      gpu: "auto",
      contextSize: 8192,
      sequences: 1,
      timeoutMs: 300_000,
      findings: "auto",
    });
  });

  it("reads every variable", () => {
    expect(
      readLlmSettings({
        PATCHSMITH_MODEL: "hf:user/repo:Q4_K_M",
        PATCHSMITH_LLM_URL: "http://gpu:8080/v1",
        PATCHSMITH_LLM_MODEL: "qwen",
        PATCHSMITH_LLM_API_KEY: "k",
        PATCHSMITH_MODEL_DIR: "/models",
        PATCHSMITH_GPU: "CUDA",
        PATCHSMITH_CONTEXT_SIZE: "16384",
        PATCHSMITH_THREADS: "8",
        PATCHSMITH_SEQUENCES: "4",
        PATCHSMITH_LLM_TIMEOUT_MS: "1000",
        PATCHSMITH_MODEL_TRACE: "/tmp/trace.jsonl",
        PATCHSMITH_MODEL_FINDINGS: "On",
      }),
    ).toEqual({
      model: "hf:user/repo:Q4_K_M",
      url: "http://gpu:8080/v1",
      serverModel: "qwen",
      apiKey: "k",
      modelDir: "/models",
      gpu: "cuda",
      contextSize: 16384,
      threads: 8,
      sequences: 4,
      timeoutMs: 1000,
      trace: "/tmp/trace.jsonl",
      findings: "on",
    });
  });

  it("sends 4 requests at once to a server by default", () => {
    expect(readLlmSettings({ PATCHSMITH_LLM_URL: "https://llm.internal/v1" }).sequences).toBe(4);
  });

  it("names the variable that is wrong", () => {
    expect(() => readLlmSettings({ PATCHSMITH_CONTEXT_SIZE: "big" })).toThrow("PATCHSMITH_CONTEXT_SIZE=big is not valid: expected a whole number from 1 to 1048576.");
    expect(() => readLlmSettings({ PATCHSMITH_LLM_URL: "gpu-box:8080" })).toThrow(/^PATCHSMITH_LLM_URL=gpu-box:8080 is not valid/);
    expect(() => readLlmSettings({ PATCHSMITH_SEQUENCES: "0" })).toThrow(/PATCHSMITH_SEQUENCES=0/);
    expect(() => readLlmSettings({ PATCHSMITH_MODEL_FINDINGS: "sometimes" })).toThrow(/PATCHSMITH_MODEL_FINDINGS=sometimes is not valid: expected one of auto, on, off/);
  });
});

describe("modelCacheDir", () => {
  it("prefers PATCHSMITH_MODEL_DIR, then XDG_CACHE_HOME, then ~/.cache", () => {
    expect(modelCacheDir({ PATCHSMITH_MODEL_DIR: "/m" }, "/home/u")).toBe("/m");
    expect(modelCacheDir({ XDG_CACHE_HOME: "/c" }, "/home/u")).toBe("/c/patchsmith/models");
    expect(modelCacheDir({}, "/home/u")).toBe("/home/u/.cache/patchsmith/models");
  });
});
