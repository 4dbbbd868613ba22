import { gzipSync } from "node:zlib";
import { Header } from "tar";

export interface TarEntry {
  /** The path as written in the archive (the top folder included, as GitHub writes it). */
  readonly path: string;
  readonly type?: "File" | "Directory" | "SymbolicLink" | "Link";
  readonly body?: string | Uint8Array;
  readonly linkpath?: string;
  readonly mode?: number;
  /** A size to declare instead of the body's (a lying header). */
  readonly size?: number;
}

/** The top folder GitHub puts every entry of a repository tarball under. */
export const TOP = "octo-repo-0123456";

/**
 * A gzipped tar written block by block with tar's own Header, so a test can
 * put anything in it (links, `..`, absolute paths), as a hostile archive could.
 */
export function makeTarball(entries: readonly TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const type = entry.type ?? "File";
    const body = typeof entry.body === "string" ? Buffer.from(entry.body, "utf8") : Buffer.from(entry.body ?? new Uint8Array());
    const header = Buffer.alloc(512);
    new Header({
      path: entry.path,
      type,
      mode: entry.mode ?? (type === "Directory" ? 0o755 : 0o644),
      size: entry.size ?? (type === "File" ? body.length : 0),
      mtime: new Date("2024-05-01T00:00:00Z"),
      uid: 0,
      gid: 0,
      ...(entry.linkpath === undefined ? {} : { linkpath: entry.linkpath }),
    }).encode(header, 0);
    blocks.push(header);
    if (type === "File" && body.length > 0) {
      blocks.push(body, Buffer.alloc((512 - (body.length % 512)) % 512));
    }
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

/** A repository tarball as GitHub makes it: the top folder, then each file under it. */
export function repositoryTarball(files: Readonly<Record<string, string>>): Buffer {
  return makeTarball([{ path: `${TOP}/`, type: "Directory" }, ...Object.entries(files).map(([path, body]) => ({ path: `${TOP}/${path}`, body }))]);
}

/** Chunks of a buffer, as a response body arrives. */
export async function* chunks(buffer: Uint8Array, size = 1024): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < buffer.length; offset += size) {
    await Promise.resolve();
    yield buffer.subarray(offset, offset + size);
  }
}
