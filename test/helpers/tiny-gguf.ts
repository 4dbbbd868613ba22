import { randomFillSync } from "node:crypto";
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import path from "node:path";

/**
 * Writes a tiny llama-architecture GGUF file: random F32 weights and a
 * byte-fallback vocabulary (<unk>, <s>, </s>, "▁" and the 256 byte tokens), so any
 * text tokenizes and any byte can be generated. With the defaults the file is
 * about 450 KB; it loads with node-llama-cpp like a real model, which lets
 * tests and benchmarks exercise load → grammar → parse without downloading
 * weights.
 *
 * The weights are random but steered: every embedding carries the same large
 * first component, and each output row's first component ranks its token, so
 * greedy decoding prefers the characters of `preferred` in order (closing
 * quotes and brackets first) and avoids whitespace. Under a JSON-schema
 * grammar that gives short, valid, reproducible JSON (empty strings, empty
 * arrays); without a grammar it never emits end-of-text, which suits benchmarks.
 *
 * For throughput figures on a GPU, `tensorType: "q8_0"` with the dimensions
 * of a real model (and `vocabularySize` padded to its vocabulary) gives a
 * shape-accurate file of purely random Q8_0 weights (no steering).
 */
export interface TinyGgufOptions {
  /** Folder to write into (created if missing). */
  readonly dir: string;
  readonly fileName?: string;
  /** Written as general.name. */
  readonly name?: string;
  readonly embeddingLength?: number;
  readonly blockCount?: number;
  readonly headCount?: number;
  readonly headCountKv?: number;
  readonly feedForwardLength?: number;
  readonly contextLength?: number;
  /** Seed of the weights, so the same options give the same file. */
  readonly seed?: number;
  /** Half-width of the uniform random weights. */
  readonly weightScale?: number;
  /** Characters greedy decoding prefers, most preferred first (F32 only). */
  readonly preferred?: string;
  /** Type of the matrices: "f32" (default, steerable) or "q8_0" (random, for shape-accurate benchmarks). */
  readonly tensorType?: "f32" | "q8_0";
  /** Pad the vocabulary with unused tokens up to this size (a real model's output layer cost). */
  readonly vocabularySize?: number;
}

const ALIGNMENT = 32;
/** ggml tensor types. */
const F32 = 0;
const Q8_0 = 8;
/** Index of the first byte token: after <unk>, <s>, </s> and "▁". */
const FIRST_BYTE_TOKEN = 4;
const WHITESPACE_BYTES = [0x09, 0x0a, 0x0d, 0x20];

enum ValueType {
  Uint32 = 4,
  Int32 = 5,
  Float32 = 6,
  Bool = 7,
  String = 8,
  Array = 9,
}

type MetadataValue =
  | { readonly type: ValueType.Uint32 | ValueType.Int32 | ValueType.Float32; readonly value: number }
  | { readonly type: ValueType.Bool; readonly value: boolean }
  | { readonly type: ValueType.String; readonly value: string }
  | { readonly type: ValueType.Array; readonly of: ValueType.String; readonly value: readonly string[] }
  | { readonly type: ValueType.Array; readonly of: ValueType.Float32 | ValueType.Int32; readonly value: readonly number[] };

interface TensorSpec {
  readonly name: string;
  /** ggml order: dims[0] is the row length. */
  readonly dims: readonly number[];
  /** Fill with ones (norm weights) instead of random values. */
  readonly ones?: boolean;
  /** The first component of each row (ggml row = dims[0] values), instead of a random value. */
  readonly firstComponent?: (row: number) => number;
}

/** Bytes of a GGUF string: u64 length, then UTF-8. */
function ggufString(text: string): Buffer {
  const bytes = Buffer.from(text, "utf8");
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(bytes.length));
  return Buffer.concat([length, bytes]);
}

function u32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value);
  return buffer;
}

function u64(value: number): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64LE(BigInt(value));
  return buffer;
}

function scalar(type: ValueType.Uint32 | ValueType.Int32 | ValueType.Float32, value: number): Buffer {
  const buffer = Buffer.alloc(4);
  if (type === ValueType.Uint32) buffer.writeUInt32LE(value);
  else if (type === ValueType.Int32) buffer.writeInt32LE(value);
  else buffer.writeFloatLE(value);
  return buffer;
}

function encodeValue(entry: MetadataValue): Buffer {
  switch (entry.type) {
    case ValueType.Uint32:
    case ValueType.Int32:
    case ValueType.Float32:
      return Buffer.concat([u32(entry.type), scalar(entry.type, entry.value)]);
    case ValueType.Bool:
      return Buffer.concat([u32(entry.type), Buffer.from([entry.value ? 1 : 0])]);
    case ValueType.String:
      return Buffer.concat([u32(entry.type), ggufString(entry.value)]);
    case ValueType.Array: {
      const items =
        entry.of === ValueType.String
          ? entry.value.map((item) => ggufString(item))
          : entry.value.map((item) => scalar(entry.of, item));
      return Buffer.concat([u32(ValueType.Array), u32(entry.of), u64(entry.value.length), ...items]);
    }
  }
}

/** Deterministic uniform random numbers in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function byteFallbackVocabulary(size: number): { tokens: string[]; scores: number[]; types: number[] } {
  // "▁" is SentencePiece's space; as a normal token it detokenizes back to " ".
  const tokens = ["<unk>", "<s>", "</s>", "\u2581"];
  const types = [2, 3, 3, 1];
  for (let byte = 0; byte < 256; byte += 1) {
    tokens.push(`<0x${byte.toString(16).toUpperCase().padStart(2, "0")}>`);
    types.push(6);
  }
  for (let index = tokens.length; index < size; index += 1) {
    tokens.push(`<unused_${index}>`);
    types.push(5);
  }
  return { tokens, scores: tokens.map(() => 0), types };
}

/** Write the file and return its path. */
export function writeTinyGguf(options: TinyGgufOptions): string {
  const nEmbd = options.embeddingLength ?? 64;
  const nLayers = options.blockCount ?? 2;
  const nHead = options.headCount ?? 4;
  const nHeadKv = options.headCountKv ?? nHead;
  const nFf = options.feedForwardLength ?? 128;
  const headDim = nEmbd / nHead;
  const nEmbdKv = headDim * nHeadKv;
  const vocabulary = byteFallbackVocabulary(options.vocabularySize ?? 0);
  const quantized = options.tensorType === "q8_0";
  const nVocab = vocabulary.tokens.length;

  const metadata: [string, MetadataValue][] = [
    ["general.architecture", { type: ValueType.String, value: "llama" }],
    ["general.name", { type: ValueType.String, value: options.name ?? "tiny-test-llama" }],
    ["general.alignment", { type: ValueType.Uint32, value: ALIGNMENT }],
    ["general.file_type", { type: ValueType.Uint32, value: quantized ? 7 : 0 }],
    ["llama.context_length", { type: ValueType.Uint32, value: options.contextLength ?? 4096 }],
    ["llama.embedding_length", { type: ValueType.Uint32, value: nEmbd }],
    ["llama.block_count", { type: ValueType.Uint32, value: nLayers }],
    ["llama.feed_forward_length", { type: ValueType.Uint32, value: nFf }],
    ["llama.attention.head_count", { type: ValueType.Uint32, value: nHead }],
    ["llama.attention.head_count_kv", { type: ValueType.Uint32, value: nHeadKv }],
    ["llama.rope.dimension_count", { type: ValueType.Uint32, value: headDim }],
    ["llama.attention.layer_norm_rms_epsilon", { type: ValueType.Float32, value: 1e-5 }],
    ["llama.vocab_size", { type: ValueType.Uint32, value: nVocab }],
    ["tokenizer.ggml.model", { type: ValueType.String, value: "llama" }],
    ["tokenizer.ggml.tokens", { type: ValueType.Array, of: ValueType.String, value: vocabulary.tokens }],
    ["tokenizer.ggml.scores", { type: ValueType.Array, of: ValueType.Float32, value: vocabulary.scores }],
    ["tokenizer.ggml.token_type", { type: ValueType.Array, of: ValueType.Int32, value: vocabulary.types }],
    ["tokenizer.ggml.unknown_token_id", { type: ValueType.Uint32, value: 0 }],
    ["tokenizer.ggml.bos_token_id", { type: ValueType.Uint32, value: 1 }],
    ["tokenizer.ggml.eos_token_id", { type: ValueType.Uint32, value: 2 }],
    ["tokenizer.ggml.add_bos_token", { type: ValueType.Bool, value: true }],
    ["tokenizer.ggml.add_eos_token", { type: ValueType.Bool, value: false }],
  ];

  const preference = new Map<number, number>();
  const preferred = Buffer.from(options.preferred ?? '"]}{[:,0n', "utf8");
  preferred.forEach((byte, rank) => preference.set(FIRST_BYTE_TOKEN + byte, preferred.length - rank));
  for (const byte of WHITESPACE_BYTES) preference.set(FIRST_BYTE_TOKEN + byte, -preferred.length);
  preference.set(2, -preferred.length); // never choose end-of-text over a preferred character

  const tensors: TensorSpec[] = [
    { name: "token_embd.weight", dims: [nEmbd, nVocab], firstComponent: () => 1 },
    { name: "output_norm.weight", dims: [nEmbd], ones: true },
    { name: "output.weight", dims: [nEmbd, nVocab], firstComponent: (token) => preference.get(token) ?? 0 },
  ];
  for (let layer = 0; layer < nLayers; layer += 1) {
    const prefix = `blk.${layer}.`;
    tensors.push(
      { name: `${prefix}attn_norm.weight`, dims: [nEmbd], ones: true },
      { name: `${prefix}attn_q.weight`, dims: [nEmbd, nEmbd] },
      { name: `${prefix}attn_k.weight`, dims: [nEmbd, nEmbdKv] },
      { name: `${prefix}attn_v.weight`, dims: [nEmbd, nEmbdKv] },
      { name: `${prefix}attn_output.weight`, dims: [nEmbd, nEmbd] },
      { name: `${prefix}ffn_norm.weight`, dims: [nEmbd], ones: true },
      { name: `${prefix}ffn_gate.weight`, dims: [nEmbd, nFf] },
      { name: `${prefix}ffn_down.weight`, dims: [nFf, nEmbd] },
      { name: `${prefix}ffn_up.weight`, dims: [nEmbd, nFf] },
    );
  }

  const alignUp = (value: number): number => Math.ceil(value / ALIGNMENT) * ALIGNMENT;
  const elementCount = (tensor: TensorSpec): number => tensor.dims.reduce((product, dim) => product * dim, 1);
  const isQ8 = (tensor: TensorSpec): boolean => quantized && tensor.dims.length > 1;
  const byteSize = (tensor: TensorSpec): number => (isQ8(tensor) ? (elementCount(tensor) / 32) * 34 : elementCount(tensor) * 4);

  const header: Buffer[] = [Buffer.from("GGUF", "ascii"), u32(3), u64(tensors.length), u64(metadata.length)];
  for (const [key, value] of metadata) header.push(ggufString(key), encodeValue(value));
  let offset = 0;
  for (const tensor of tensors) {
    header.push(ggufString(tensor.name), u32(tensor.dims.length), ...tensor.dims.map((dim) => u64(dim)), u32(isQ8(tensor) ? Q8_0 : F32), u64(offset));
    offset = alignUp(offset + byteSize(tensor));
  }
  const headerBytes = Buffer.concat(header);
  const headerPadding = Buffer.alloc(alignUp(headerBytes.length) - headerBytes.length);

  mkdirSync(options.dir, { recursive: true });
  const filePath = path.join(options.dir, options.fileName ?? "tiny-llama.gguf");
  const fd = openSync(filePath, "w");
  try {
    writeSync(fd, headerBytes);
    writeSync(fd, headerPadding);
    const next = random(options.seed ?? 1);
    const scale = options.weightScale ?? 0.02;
    for (const tensor of tensors) {
      if (isQ8(tensor)) {
        writeQ8Random(fd, elementCount(tensor), scale);
        const written = byteSize(tensor);
        writeSync(fd, Buffer.alloc(alignUp(written) - written));
        continue;
      }
      const count = elementCount(tensor);
      const rowLength = tensor.dims[0] ?? 1;
      const chunkElements = rowLength * Math.max(1, Math.floor((1 << 16) / rowLength));
      for (let start = 0; start < count; start += chunkElements) {
        const length = Math.min(chunkElements, count - start);
        const values = new Float32Array(length);
        for (let index = 0; index < length; index += 1) {
          const element = start + index;
          if (tensor.ones === true) values[index] = 1;
          else if (tensor.firstComponent !== undefined && element % rowLength === 0) values[index] = tensor.firstComponent(element / rowLength);
          else values[index] = (next() * 2 - 1) * scale;
        }
        writeSync(fd, new Uint8Array(values.buffer));
      }
      const written = byteSize(tensor);
      writeSync(fd, Buffer.alloc(alignUp(written) - written));
    }
  } finally {
    closeSync(fd);
  }
  return filePath;
}

/** IEEE half-precision bits of a finite value (round toward zero; enough for weight scales). */
function toHalf(value: number): number {
  const f32 = new Float32Array([value]);
  const bits = new Uint32Array(f32.buffer)[0] ?? 0;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  const mantissa = (bits >>> 13) & 0x3ff;
  if (exponent <= 0) return sign;
  if (exponent >= 31) return sign | 0x7c00;
  return sign | (exponent << 10) | mantissa;
}

/** Q8_0 blocks of 32 random int8 weights sharing one f16 scale, written in large slices. */
function writeQ8Random(fd: number, elements: number, scale: number): void {
  const blocks = elements / 32;
  const half = toHalf(scale / 127);
  const blocksPerSlice = 1 << 15;
  for (let done = 0; done < blocks; done += blocksPerSlice) {
    const count = Math.min(blocksPerSlice, blocks - done);
    const slice = Buffer.allocUnsafe(count * 34);
    randomFillSync(slice);
    for (let block = 0; block < count; block += 1) slice.writeUInt16LE(half, block * 34);
    writeSync(fd, slice);
  }
}
