import type { ReadResult } from "../types.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Turn raw bytes into text, or say why the file is skipped: over the size
 * limit, binary (a NUL byte in the first 8 KB), or not valid UTF-8.
 * Every FileSource uses this, so all of them skip the same files for the same reasons.
 */
export function decodeFile(path: string, bytes: Uint8Array, maxBytes: number): ReadResult {
  if (bytes.byteLength > maxBytes) return oversize(path, bytes.byteLength, maxBytes);
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) {
    return { kind: "skipped", reason: `${path} is a binary file; only text files are reviewed` };
  }
  try {
    let text = utf8.decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { kind: "text", text };
  } catch {
    return { kind: "skipped", reason: `${path} is not valid UTF-8; save it as UTF-8 to have it reviewed` };
  }
}

/** The "skipped" result for a file over the size limit (without reading it). */
export function oversize(path: string, size: number, maxBytes: number): ReadResult {
  return {
    kind: "skipped",
    reason: `${path} is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit; raise maxFileBytes in .github/patchsmith.yml to review it`,
  };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  if (bytes >= 1_000) return `${(bytes / 1_000).toFixed(1)} kB`;
  return `${bytes} B`;
}
