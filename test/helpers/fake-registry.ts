import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import semver from "semver";
import { create as createTar } from "tar";

export interface FakePackage {
  readonly name: string;
  readonly version: string;
  /** Files of the package (path inside it → text); package.json is generated and merged with files["package.json"]. */
  readonly files: Record<string, string>;
  readonly scripts?: Record<string, string>;
  readonly dependencies?: Record<string, string>;
  /** Raw tarball bytes instead of building one from `files` (hostile tarballs); the integrity is computed from them. */
  readonly tarball?: Buffer;
  /** Bytes served for the tarball instead of the real ones, whose integrity stays in the packument (an integrity mismatch). */
  readonly servedTarball?: Buffer;
  /** Base URL of `dist.tarball` instead of this registry's own (a tarball on another host). */
  readonly tarballBase?: string;
  /** Never answer the tarball request (a stalled download, for abort tests). */
  readonly stallTarball?: boolean;
}

export interface FakeRegistry {
  /** http://127.0.0.1:<port>, no trailing slash. */
  readonly url: string;
  /** Every request's path, in order (as the client sent it). */
  readonly requests: string[];
  /** The Authorization header of each request (undefined when none), in the same order as `requests`. */
  readonly authorizations: Array<string | undefined>;
  close(): Promise<void>;
}

interface Served {
  readonly pkg: FakePackage;
  readonly tarball: Buffer;
  readonly integrity: string;
}

/** `sha512-<base64>`, as npm writes `dist.integrity`. */
export function sha512Integrity(data: Buffer): string {
  return `sha512-${createHash("sha512").update(data).digest("base64")}`;
}

/** The package.json a fake package publishes: name/version/scripts/dependencies merged with files["package.json"]. */
function packageJsonOf(pkg: FakePackage): Record<string, unknown> {
  const given = pkg.files["package.json"] === undefined ? {} : (JSON.parse(pkg.files["package.json"]) as Record<string, unknown>);
  return {
    name: pkg.name,
    version: pkg.version,
    ...(pkg.scripts === undefined ? {} : { scripts: pkg.scripts }),
    ...(pkg.dependencies === undefined ? {} : { dependencies: pkg.dependencies }),
    ...given,
  };
}

/** A real npm-style .tgz (entries under package/) made with tar from files written to a temporary directory. */
export async function buildPackageTarball(files: Record<string, string>): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), "patchsmith-fake-pkg-"));
  try {
    for (const [path, text] of Object.entries(files)) {
      const target = join(dir, "package", path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, text);
    }
    const chunks: Buffer[] = [];
    const pack = createTar({ gzip: true, cwd: dir, portable: true }, ["package"]);
    for await (const chunk of pack) chunks.push(chunk);
    return Buffer.concat(chunks);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface RawTarEntry {
  /** The path exactly as written into the header (may be absolute or contain ..). */
  readonly path: string;
  readonly type?: "file" | "directory" | "symlink" | "hardlink" | "chardev" | "fifo";
  readonly body?: string | Buffer;
  readonly linkpath?: string;
  readonly mode?: number;
}

const TYPE_FLAGS: Record<NonNullable<RawTarEntry["type"]>, string> = {
  file: "0",
  hardlink: "1",
  symlink: "2",
  chardev: "3",
  directory: "5",
  fifo: "6",
};

function writeString(block: Buffer, offset: number, length: number, value: string): void {
  const bytes = Buffer.from(value, "utf8");
  if (bytes.length > length) throw new Error(`tar header field too long: ${value}`);
  bytes.copy(block, offset);
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  writeString(block, offset, length, `${value.toString(8).padStart(length - 1, "0")}\0`);
}

/** One 512-byte ustar header, written by hand so that nothing sanitizes the path or the type. */
function rawHeader(entry: RawTarEntry, size: number): Buffer {
  const block = Buffer.alloc(512);
  let name = entry.path;
  let prefix = "";
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf("/", 155);
    prefix = name.slice(0, cut);
    name = name.slice(cut + 1);
  }
  writeString(block, 0, 100, name);
  writeOctal(block, 100, 8, entry.mode ?? (entry.type === "directory" ? 0o755 : 0o644));
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, size);
  writeOctal(block, 136, 12, Math.floor(Date.UTC(2024, 0, 1) / 1000));
  block.fill(0x20, 148, 156); // checksum field counts as spaces
  writeString(block, 156, 1, TYPE_FLAGS[entry.type ?? "file"]);
  writeString(block, 157, 100, entry.linkpath ?? "");
  writeString(block, 257, 6, "ustar\0");
  writeString(block, 263, 2, "00");
  writeString(block, 345, 155, prefix);
  let sum = 0;
  for (const byte of block) sum += byte;
  writeString(block, 148, 8, `${sum.toString(8).padStart(6, "0")}\0 `);
  return block;
}

/** A gzipped tar of arbitrary raw entries (symlinks, hard links, `..` and absolute paths, huge files). */
export function buildRawTarball(entries: readonly RawTarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const body = entry.type === undefined || entry.type === "file" ? Buffer.from(entry.body ?? "") : Buffer.alloc(0);
    parts.push(rawHeader(entry, body.length), body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts));
}

/** The last path segment of a package name (`@scope/x` → `x`), as npm names tarballs. */
function basename(name: string): string {
  return name.slice(name.lastIndexOf("/") + 1);
}

/**
 * A loopback npm registry: packuments at /<name> (scoped: /@scope%2fname or
 * /@scope/name) and tarballs at /<name>/-/<basename>-<version>.tgz, with
 * sha512 integrity; unknown names are 404 `{ "error": "Not found" }`.
 */
export async function startFakeRegistry(packages: readonly FakePackage[]): Promise<FakeRegistry> {
  const byName = new Map<string, Served[]>();
  for (const pkg of packages) {
    const tarball =
      pkg.tarball ??
      (await buildPackageTarball({ ...pkg.files, "package.json": `${JSON.stringify(packageJsonOf(pkg), null, 2)}\n` }));
    const list = byName.get(pkg.name) ?? [];
    list.push({ pkg, tarball, integrity: sha512Integrity(tarball) });
    byName.set(pkg.name, list);
  }

  const requests: string[] = [];
  const authorizations: Array<string | undefined> = [];
  const stalled: ServerResponse[] = [];
  let url = "";

  const notFound = (res: ServerResponse) => {
    res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "Not found" }));
  };

  const packument = (name: string, served: readonly Served[]) => {
    const versions: Record<string, unknown> = {};
    for (const { pkg, integrity } of served) {
      versions[pkg.version] = {
        ...packageJsonOf(pkg),
        _id: `${pkg.name}@${pkg.version}`,
        dist: { tarball: `${pkg.tarballBase ?? url}/${name}/-/${basename(name)}-${pkg.version}.tgz`, integrity },
      };
    }
    const latest = semver.maxSatisfying(Object.keys(versions), "*") ?? served.at(-1)?.pkg.version;
    return { _id: name, name, "dist-tags": latest === undefined ? {} : { latest }, versions };
  };

  const server = createServer((req, res) => {
    const rawPath = (req.url ?? "/").split("?")[0] ?? "/";
    requests.push(rawPath);
    authorizations.push(req.headers.authorization);
    let path: string;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      notFound(res);
      return;
    }
    const tarballMatch = /^\/(.+)\/-\/([^/]+)\.tgz$/.exec(path);
    if (tarballMatch !== null) {
      const served = byName.get(tarballMatch[1]!)?.find((s) => `${basename(s.pkg.name)}-${s.pkg.version}` === tarballMatch[2]);
      if (served === undefined) {
        notFound(res);
        return;
      }
      if (served.pkg.stallTarball === true) {
        stalled.push(res);
        return;
      }
      const body = served.pkg.servedTarball ?? served.tarball;
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": body.length }).end(body);
      return;
    }
    const name = path.slice(1);
    const served = byName.get(name);
    if (served === undefined) {
      notFound(res);
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(packument(name, served)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    authorizations,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of stalled) res.destroy();
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
