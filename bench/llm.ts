/**
 * Model throughput benchmark (not a test): prompt processing and generation
 * tokens/s for one sequence, then for N sequences evaluated in parallel.
 *
 *   npx tsx bench/llm.ts [MODEL.gguf] [--shape tiny|1b|7b] [--sequences 4] [--threads N]
 *                        [--gpu auto|cuda|vulkan|metal|cpu] [--prompt 512] [--generate 128]
 *
 * Without a model path it writes a random-weight GGUF of the chosen shape into
 * .bench-out/ first: "tiny" (the test model, 64-wide, F32), "1b" (Llama-3.2-1B
 * dimensions, Q8_0, about 1.3 GB) or "7b" (Qwen2.5-Coder-7B dimensions, Q8_0,
 * about 8 GB). Random weights compute exactly like trained ones, so the figures
 * are real for that shape; only the text is nonsense.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { LlamaContextSequence, LlamaModel, Token } from "node-llama-cpp";
import { backendName } from "../src/llm/llama/backend-name.js";
import { GPU_CHOICES, type GpuChoice } from "../src/llm/llama/gpu-choice.js";
import { loadLlama } from "../src/llm/llama/load-llama.js";
import { modelLabel } from "../src/llm/llama/model-label.js";
import { writeTinyGguf, type TinyGgufOptions } from "../test/helpers/tiny-gguf.js";

const SHAPES: Record<string, Omit<TinyGgufOptions, "dir">> = {
  tiny: { fileName: "tiny-llama.gguf" },
  "1b": {
    fileName: "random-1b-q8_0.gguf",
    name: "random llama 1B shape",
    tensorType: "q8_0",
    embeddingLength: 2048,
    blockCount: 16,
    headCount: 32,
    headCountKv: 8,
    feedForwardLength: 8192,
    vocabularySize: 128_256,
    contextLength: 131_072,
  },
  "7b": {
    fileName: "random-7b-q8_0.gguf",
    name: "random Qwen2.5-Coder-7B shape",
    tensorType: "q8_0",
    embeddingLength: 3584,
    blockCount: 28,
    headCount: 28,
    headCountKv: 4,
    feedForwardLength: 18_944,
    vocabularySize: 152_064,
    contextLength: 32_768,
  },
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    shape: { type: "string", default: "tiny" },
    sequences: { type: "string", default: "4" },
    threads: { type: "string" },
    gpu: { type: "string", default: "auto" },
    prompt: { type: "string", default: "512" },
    generate: { type: "string", default: "128" },
  },
});

const shape = SHAPES[values.shape];
if (shape === undefined) throw new Error(`--shape ${values.shape}: expected one of ${Object.keys(SHAPES).join(", ")}`);
if (!GPU_CHOICES.includes(values.gpu as GpuChoice)) throw new Error(`--gpu ${values.gpu}: expected one of ${GPU_CHOICES.join(", ")}`);
const sequences = Number(values.sequences);
const promptTokens = Number(values.prompt);
const generateTokens = Number(values.generate);
const threads = values.threads === undefined ? undefined : Number(values.threads);

/** A prompt of exactly `count` tokens: this repository's own source, tokenized and repeated. */
function promptOf(model: LlamaModel, count: number): Token[] {
  const source = readFileSync(new URL("../src/llm/build-generator.ts", import.meta.url), "utf8");
  const tokens = model.tokenize(source);
  const out: Token[] = [];
  while (out.length < count) out.push(...tokens.slice(0, count - out.length));
  return out;
}

async function generate(sequence: LlamaContextSequence, last: Token, count: number): Promise<number> {
  const tokens = sequence.evaluate([last], { temperature: 0 });
  let produced = 0;
  while (produced < count && !(await tokens.next()).done) produced += 1;
  await tokens.return();
  return produced;
}

async function main(): Promise<void> {
  let modelPath = positionals[0];
  if (modelPath === undefined) {
    const started = performance.now();
    modelPath = writeTinyGguf({ dir: path.resolve(".bench-out"), ...shape });
    console.log(`Wrote ${modelPath} (${values.shape} shape) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const { llama } = await loadLlama({ gpu: values.gpu as GpuChoice });
  const loadStart = performance.now();
  const model = await llama.loadModel({ modelPath, gpuLayers: "auto" });
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const context = await model.createContext({
    contextSize: promptTokens + generateTokens + 64,
    sequences,
    ...(threads === undefined ? {} : { threads }),
  });
  const label = modelLabel(model, modelPath);
  const devices = llama.gpu === false ? [] : await llama.getGpuDeviceNames();
  console.log(`Model:   ${label.name}${label.quant === undefined ? "" : ` ${label.quant}`} (${(model.size / 1e9).toFixed(2)} GB, loaded in ${loadSeconds.toFixed(1)} s)`);
  console.log(`Backend: ${backendName(llama.gpu)}${devices.length > 0 ? ` (${devices.join(", ")})` : ""}, ${model.gpuLayers}/${model.fileInsights.totalLayers} layers on GPU, threads ${context.currentThreads}`);
  console.log(`Run:     prompt ${promptTokens} tokens, generate ${generateTokens} tokens, ${sequences} parallel sequences\n`);

  const prompt = promptOf(model, promptTokens);
  const last = prompt.at(-1) as Token;
  const all = Array.from({ length: sequences }, () => context.getSequence());
  const first = all[0];
  if (first === undefined) throw new Error("--sequences must be at least 1");

  // Warm-up: the first evaluations allocate buffers and page the weights in.
  await first.evaluateWithoutGeneratingNewTokens(prompt.slice(0, 16));
  await generate(first, last, 4);
  await first.clearHistory();

  let t = performance.now();
  await first.evaluateWithoutGeneratingNewTokens(prompt.slice(0, -1));
  const pp1 = (prompt.length - 1) / ((performance.now() - t) / 1000);
  t = performance.now();
  const produced1 = await generate(first, last, generateTokens);
  const tg1 = produced1 / ((performance.now() - t) / 1000);
  await first.clearHistory();

  t = performance.now();
  await Promise.all(all.map((sequence) => sequence.evaluateWithoutGeneratingNewTokens(prompt.slice(0, -1))));
  const ppN = (sequences * (prompt.length - 1)) / ((performance.now() - t) / 1000);
  t = performance.now();
  const producedN = (await Promise.all(all.map((sequence) => generate(sequence, last, generateTokens)))).reduce((a, b) => a + b, 0);
  const tgN = producedN / ((performance.now() - t) / 1000);

  const row = (label: string, pp: number, tg: number): string => `| ${label.padEnd(22)} | ${pp.toFixed(1).padStart(14)} | ${tg.toFixed(1).padStart(15)} |`;
  console.log("| sequences              | prompt tokens/s | generated tokens/s |");
  console.log("| ---------------------- | --------------: | -----------------: |");
  console.log(row("1", pp1, tg1));
  console.log(row(`${sequences} in parallel (total)`, ppN, tgN));
  console.log(`\nGeneration speed-up with ${sequences} sequences: ${(tgN / tg1).toFixed(2)}×`);

  await context.dispose();
  await model.dispose();
  await llama.dispose();
}

await main();
