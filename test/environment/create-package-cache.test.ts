import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPackageCache, packageCacheFileName } from "../../src/environment/create-package-cache.js";
import type { PackageFiles } from "../../src/environment/package-files.js";

let root = "";

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "patchsmith-package-cache-"));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function pkg(name: string, version: string, files: Record<string, string> = { "index.d.ts": `export declare const v: "${version}";\n` }): PackageFiles {
  const map = new Map(Object.entries(files));
  return { name, version, files: map, bytes: [...map.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0) };
}

async function cacheFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

describe("createPackageCache", () => {
  it("stores a package and reads it back, in this process and another", async () => {
    const dir = join(root, "cache");
    const cache = createPackageCache({ dir, maxBytes: 1_000_000 });
    expect(await cache.get("a", "1.0.0")).toBeUndefined();
    const stored = pkg("@scope/a", "1.0.0", { "index.d.ts": "export {};\n", "package.json": "{\"name\":\"@scope/a\"}", "ünïcode.d.ts": "export declare const s: \"é\";\n" });
    await cache.put(stored);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect(await cacheFiles(dir)).toEqual([packageCacheFileName("@scope/a", "1.0.0")]);
    expect(packageCacheFileName("@scope/a", "1.0.0")).toMatch(/^[0-9a-f]{64}\.json$/);

    expect(await cache.get("@scope/a", "1.0.0")).toEqual(stored);
    const fresh = createPackageCache({ dir, maxBytes: 1_000_000 });
    const read = await fresh.get("@scope/a", "1.0.0");
    expect(read).toEqual(stored);
    expect(read?.files.get("ünïcode.d.ts")).toBe("export declare const s: \"é\";\n");
    expect(await fresh.get("@scope/a", "1.0.1")).toBeUndefined();
    expect(await fresh.versions("@scope/a")).toEqual(["1.0.0"]);
    expect(await fresh.versions("other")).toEqual([]);
  });

  it("answers repeated gets from memory", async () => {
    const dir = join(root, "cache");
    const cache = createPackageCache({ dir, maxBytes: 1_000_000 });
    await cache.put(pkg("a", "1.0.0"));
    const first = await cache.get("a", "1.0.0");
    await writeFile(join(dir, packageCacheFileName("a", "1.0.0")), "changed on disk");
    expect(await cache.get("a", "1.0.0")).toBe(first);
  });

  it("evicts the least recently used packages past maxBytes", async () => {
    const dir = join(root, "cache");
    const body = (tag: string) => ({ "index.d.ts": `export declare const v: "${tag.repeat(300)}";\n` });
    const cache = createPackageCache({ dir, maxBytes: 1_000 });
    await cache.put(pkg("a", "1.0.0", body("a")));
    await cache.put(pkg("b", "1.0.0", body("b")));
    const oneFile = (await stat(join(dir, packageCacheFileName("a", "1.0.0")))).size;
    expect(oneFile * 2).toBeLessThanOrEqual(1_000);
    expect(oneFile * 3).toBeGreaterThan(1_000);
    // a is used after b, so b is the least recently used when c arrives.
    expect(await cache.get("a", "1.0.0")).toBeDefined();
    await cache.put(pkg("c", "1.0.0", body("c")));
    expect(await cacheFiles(dir)).toEqual([packageCacheFileName("a", "1.0.0"), packageCacheFileName("c", "1.0.0")].sort());

    const fresh = createPackageCache({ dir, maxBytes: 1_000 });
    expect(await fresh.get("b", "1.0.0")).toBeUndefined();
    expect(await fresh.get("a", "1.0.0")).toBeDefined();
    expect(await fresh.get("c", "1.0.0")).toBeDefined();
    // Gone from this process's memory too.
    expect(await cache.get("b", "1.0.0")).toBeUndefined();
  });

  it("deletes a corrupt file and treats it as a miss", async () => {
    const dir = join(root, "cache");
    await createPackageCache({ dir, maxBytes: 1_000_000 }).put(pkg("a", "1.0.0"));
    const file = join(dir, packageCacheFileName("a", "1.0.0"));
    const text = await readFile(file, "utf8");

    for (const corrupt of [text.slice(0, text.length - 5), "not json", "{}", text.replace('"bytes":', '"bytes":1'), text.replace('"name":"a"', '"name":"b"')]) {
      await writeFile(file, corrupt);
      expect(await createPackageCache({ dir, maxBytes: 1_000_000 }).get("a", "1.0.0"), corrupt.slice(0, 40)).toBeUndefined();
      expect(await cacheFiles(dir)).toEqual([]);
    }
  });

  it("writes atomically, leaving no temporary files", async () => {
    const dir = join(root, "cache");
    const cache = createPackageCache({ dir, maxBytes: 1_000_000 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => cache.put(pkg("many", `1.0.${i}`))));
    const files = await cacheFiles(dir);
    expect(files).toHaveLength(10);
    expect(files.every((f) => f.endsWith(".json"))).toBe(true);
    expect((await createPackageCache({ dir, maxBytes: 1_000_000 }).versions("many")).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `1.0.${i}`).sort());
  });
});
