import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, stat, unlink, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { PackageFiles } from "./package-files.js";

/** Packages' declaration files on disk, shared by all reviews (and processes) that use the same directory. */
export interface PackageCache {
  /** The cached files of `name@version` (an exact version), or undefined. */
  get(name: string, version: string): Promise<PackageFiles | undefined>;
  /** Stores a package, then evicts least-recently-used packages while the cache is over its size. */
  put(pkg: PackageFiles): Promise<void>;
  /** The versions of `name` in the cache (for answering a range offline). */
  versions(name: string): Promise<string[]>;
}

export interface PackageCacheParams {
  /** Created (0o700) when missing. */
  readonly dir: string;
  /** Total size of the cache files on disk; least-recently-used files go first. */
  readonly maxBytes: number;
}

/** The stored form: name and version first, so that listing versions reads only a file's first bytes. */
interface StoredPackage {
  readonly name: string;
  readonly version: string;
  readonly bytes: number;
  readonly files: ReadonlyArray<readonly [string, string]>;
}

const HEADER_BYTES = 1024;
const STALE_TMP_MS = 60 * 60 * 1000;

/** One file per package: the sha256 of `name@version`. */
export function packageCacheFileName(name: string, version: string): string {
  return `${createHash("sha256").update(`${name}@${version}`).digest("hex")}.json`;
}

function isCacheFile(fileName: string): boolean {
  return /^[0-9a-f]{64}\.json$/.test(fileName);
}

function isErrno(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === code;
}

/** The package in a cache file's text, or undefined when it is not one (corrupt, truncated, another package). */
function parseStored(text: string, name: string, version: string): PackageFiles | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const stored = parsed as Partial<Record<keyof StoredPackage, unknown>>;
  if (stored.name !== name || stored.version !== version || typeof stored.bytes !== "number" || !Array.isArray(stored.files)) return undefined;
  const files = new Map<string, string>();
  let bytes = 0;
  for (const pair of stored.files as unknown[]) {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== "string" || typeof pair[1] !== "string") return undefined;
    files.set(pair[0], pair[1]);
    bytes += Buffer.byteLength(pair[1], "utf8");
  }
  if (bytes !== stored.bytes) return undefined;
  return { name, version, files, bytes };
}

/**
 * An on-disk cache of packages' declaration files: one JSON file per package
 * (named by the sha256 of `name@version`, written atomically), the file's
 * mtime as its last use, least-recently-used files evicted past `maxBytes`.
 * A corrupt file is deleted and counts as a miss. An in-process map (bounded
 * by the same size) spares repeated reviews in one process the disk.
 */
export function createPackageCache(params: PackageCacheParams): PackageCache {
  const memory = new Map<string, PackageFiles>();
  let memoryBytes = 0;
  /** File name → name and version, read once per file (a file's package never changes). */
  const headers = new Map<string, { readonly name: string; readonly version: string }>();
  let ready: Promise<void> | undefined;
  let lastStamp = 0;

  const ensureDir = () => {
    ready ??= mkdir(params.dir, { recursive: true, mode: 0o700 }).then(() => undefined);
    return ready;
  };

  /** Strictly increasing times, so that uses within one millisecond still order. */
  const stamp = () => {
    lastStamp = Math.max(Date.now(), lastStamp + 1);
    return new Date(lastStamp);
  };

  const remember = (fileName: string, pkg: PackageFiles) => {
    const previous = memory.get(fileName);
    if (previous !== undefined) memoryBytes -= previous.bytes;
    memory.delete(fileName);
    if (pkg.bytes > params.maxBytes) return;
    memory.set(fileName, pkg);
    memoryBytes += pkg.bytes;
    for (const [oldest, old] of memory) {
      if (memoryBytes <= params.maxBytes) break;
      memory.delete(oldest);
      memoryBytes -= old.bytes;
    }
  };

  const forget = (fileName: string) => {
    const previous = memory.get(fileName);
    if (previous === undefined) return;
    memory.delete(fileName);
    memoryBytes -= previous.bytes;
  };

  const touch = async (path: string) => {
    const now = stamp();
    try {
      await utimes(path, now, now);
    } catch {
      // Evicted meanwhile (perhaps by another process): nothing to mark.
    }
  };

  const removeFile = async (fileName: string) => {
    forget(fileName);
    headers.delete(fileName);
    try {
      await unlink(join(params.dir, fileName));
    } catch (error) {
      if (!isErrno(error, "ENOENT")) throw error;
    }
  };

  const evict = async () => {
    let names: string[];
    try {
      names = await readdir(params.dir);
    } catch (error) {
      if (isErrno(error, "ENOENT")) return;
      throw error;
    }
    const files: Array<{ readonly fileName: string; readonly size: number; readonly mtimeMs: number }> = [];
    let total = 0;
    for (const fileName of names) {
      const cacheFile = isCacheFile(fileName);
      if (!cacheFile && !fileName.endsWith(".tmp")) continue;
      try {
        const info = await stat(join(params.dir, fileName));
        if (!cacheFile) {
          // A temporary file left by a process that died while writing.
          if (Date.now() - info.mtimeMs > STALE_TMP_MS) await unlink(join(params.dir, fileName));
          continue;
        }
        files.push({ fileName, size: info.size, mtimeMs: info.mtimeMs });
        total += info.size;
      } catch (error) {
        if (!isErrno(error, "ENOENT")) throw error;
      }
    }
    if (total <= params.maxBytes) return;
    files.sort((a, b) => a.mtimeMs - b.mtimeMs);
    for (const file of files) {
      if (total <= params.maxBytes) break;
      await removeFile(file.fileName);
      total -= file.size;
    }
  };

  /** A cache file's package name and version, from its first bytes. */
  const readHeader = async (fileName: string) => {
    const known = headers.get(fileName);
    if (known !== undefined) return known;
    let text: string;
    try {
      const handle = await open(join(params.dir, fileName), "r");
      try {
        const buffer = Buffer.alloc(HEADER_BYTES);
        const { bytesRead } = await handle.read(buffer, 0, HEADER_BYTES, 0);
        text = buffer.subarray(0, bytesRead).toString("utf8");
      } finally {
        await handle.close();
      }
    } catch (error) {
      if (isErrno(error, "ENOENT")) return null;
      throw error;
    }
    const match = /^\{"name":("(?:[^"\\]|\\.)*"),"version":("(?:[^"\\]|\\.)*"),/.exec(text);
    let header: { readonly name: string; readonly version: string } | null = null;
    const [, quotedName, quotedVersion] = match ?? [];
    if (quotedName !== undefined && quotedVersion !== undefined) {
      try {
        const name = JSON.parse(quotedName) as string;
        const version = JSON.parse(quotedVersion) as string;
        if (packageCacheFileName(name, version) === fileName) header = { name, version };
      } catch {
        header = null;
      }
    }
    // Only a good header is remembered: a bad file may yet be rewritten by a put (here or elsewhere).
    if (header !== null) headers.set(fileName, header);
    return header;
  };

  return {
    async get(name, version) {
      const fileName = packageCacheFileName(name, version);
      const path = join(params.dir, fileName);
      const remembered = memory.get(fileName);
      if (remembered !== undefined) {
        // Most recently used in memory too, and on disk for the other processes' eviction.
        memory.delete(fileName);
        memory.set(fileName, remembered);
        await touch(path);
        return remembered;
      }
      let text: string;
      try {
        text = await readFile(path, "utf8");
      } catch (error) {
        if (isErrno(error, "ENOENT")) return undefined;
        throw error;
      }
      const pkg = parseStored(text, name, version);
      if (pkg === undefined) {
        await removeFile(fileName);
        return undefined;
      }
      await touch(path);
      remember(fileName, pkg);
      return pkg;
    },

    async put(pkg) {
      const fileName = packageCacheFileName(pkg.name, pkg.version);
      remember(fileName, pkg);
      await ensureDir();
      const stored: StoredPackage = { name: pkg.name, version: pkg.version, bytes: pkg.bytes, files: [...pkg.files] };
      const path = join(params.dir, fileName);
      const tmp = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
      try {
        await writeFile(tmp, JSON.stringify(stored), { mode: 0o600 });
        const now = stamp();
        await utimes(tmp, now, now);
        await rename(tmp, path);
      } catch (error) {
        await unlink(tmp).catch(() => undefined);
        throw error;
      }
      headers.set(fileName, { name: pkg.name, version: pkg.version });
      await evict();
    },

    async versions(name) {
      let names: string[];
      try {
        names = await readdir(params.dir);
      } catch (error) {
        if (isErrno(error, "ENOENT")) return [];
        throw error;
      }
      const found = new Set<string>();
      for (const pkg of memory.values()) if (pkg.name === name) found.add(pkg.version);
      for (const fileName of names) {
        if (!isCacheFile(fileName)) continue;
        const header = await readHeader(fileName);
        if (header?.name === name) found.add(header.version);
      }
      return [...found];
    },
  };
}
