import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCachedFetcher } from "../../src/environment/create-cached-fetcher.js";
import { createPackageCache } from "../../src/environment/create-package-cache.js";
import { createRegistryFetcher } from "../../src/environment/create-registry-fetcher.js";
import type { PackageFetcher } from "../../src/environment/package-files.js";
import { startFakeRegistry, type FakePackage, type FakeRegistry } from "../helpers/fake-registry.js";

let root = "";
let registry: FakeRegistry | undefined;

const version = (name: string, v: string): FakePackage => ({ name, version: v, files: { "index.d.ts": `export declare const v: "${v}";\n` } });

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "patchsmith-cached-fetcher-"));
  registry = await startFakeRegistry([version("lib", "1.0.0"), version("lib", "1.2.0"), version("lib", "2.0.0"), version("@scope/lib", "3.1.4")]);
});

afterEach(async () => {
  await registry?.close();
  await rm(root, { recursive: true, force: true, maxRetries: 5 });
});

function setup(options: { offline?: boolean; npmCache?: string } = {}): { fetcher: PackageFetcher; registryFetcher: PackageFetcher } {
  const registryFetcher = createRegistryFetcher({ registry: registry!.url, npmCacheDir: join(root, options.npmCache ?? "npm-cache") });
  const cache = createPackageCache({ dir: join(root, "packages"), maxBytes: 10_000_000 });
  return { registryFetcher, fetcher: createCachedFetcher({ cache, fetcher: registryFetcher, ...(options.offline === undefined ? {} : { offline: options.offline }) }) };
}

describe("createCachedFetcher", () => {
  it("answers an exact version from the cache the second time, without any registry request", async () => {
    const first = await setup().fetcher.fetch("lib", "1.2.0");
    expect(first.files.get("index.d.ts")).toContain('"1.2.0"');
    const requests = registry!.requests.length;
    expect(requests).toBeGreaterThan(0);

    // Same process and a new one (fresh memory, same directory; npm's cache elsewhere so it cannot help).
    const again = setup();
    expect(await again.fetcher.fetch("lib", "1.2.0")).toEqual(first);
    expect(await setup({ npmCache: "other-npm-cache" }).fetcher.fetch("lib", "1.2.0")).toEqual(first);
    expect(registry!.requests.length).toBe(requests);
  });

  it("fetches a range from the registry and stores what it resolved to", async () => {
    const { fetcher } = setup();
    expect((await fetcher.fetch("lib", "^1.0.0")).version).toBe("1.2.0");
    const requests = registry!.requests.length;
    expect((await fetcher.fetch("lib", "1.2.0")).version).toBe("1.2.0");
    expect(registry!.requests.length).toBe(requests);
  });

  it("offline: answers exact versions and ranges from the cache, and names a miss without any request", async () => {
    const online = setup();
    await online.fetcher.fetch("lib", "1.0.0");
    await online.fetcher.fetch("lib", "1.2.0");
    await online.fetcher.fetch("@scope/lib", "3.1.4");
    const requests = registry!.requests.length;

    const { fetcher } = setup({ offline: true, npmCache: "empty-npm-cache" });
    expect((await fetcher.fetch("lib", "1.0.0")).version).toBe("1.0.0");
    expect((await fetcher.fetch("lib", "^1.0.0")).version).toBe("1.2.0");
    expect((await fetcher.fetch("lib", "~1.0.0")).version).toBe("1.0.0");
    expect((await fetcher.fetch("lib", "latest")).version).toBe("1.2.0");
    expect((await fetcher.fetch("@scope/lib", "^3")).version).toBe("3.1.4");
    await expect(fetcher.fetch("lib", "2.0.0")).rejects.toThrow("lib@2.0.0: offline mode and not in the package cache");
    await expect(fetcher.fetch("lib", "^2.0.0")).rejects.toThrow("lib@^2.0.0: offline mode and not in the package cache");
    await expect(fetcher.fetch("lib", "next")).rejects.toThrow("lib@next: offline mode and not in the package cache");
    await expect(fetcher.fetch("missing", "1.0.0")).rejects.toThrow("missing@1.0.0: offline mode and not in the package cache");
    expect(registry!.requests.length).toBe(requests);
  });

  it("passes the fetcher's errors through and caches nothing for them", async () => {
    const { fetcher } = setup();
    await expect(fetcher.fetch("nope", "1.0.0")).rejects.toThrow("nope@1.0.0: not found in the registry (404)");
    const { fetcher: offline } = setup({ offline: true });
    await expect(offline.fetch("nope", "1.0.0")).rejects.toThrow("nope@1.0.0: offline mode and not in the package cache");
  });

  it("still answers when the cache cannot be written", async () => {
    const failing = createCachedFetcher({
      cache: { get: () => Promise.resolve(undefined), put: () => Promise.reject(new Error("disk full")), versions: () => Promise.resolve([]) },
      fetcher: setup().registryFetcher,
    });
    expect((await failing.fetch("lib", "2.0.0")).version).toBe("2.0.0");
  });

  it("reuses a range's resolution for a while (reviews in a row ask the registry once), then asks again", async () => {
    let clock = 0;
    const registryFetcher = createRegistryFetcher({ registry: registry!.url, npmCacheDir: join(root, "npm-cache") });
    const cache = createPackageCache({ dir: join(root, "packages"), maxBytes: 10_000_000 });
    const fetcher = createCachedFetcher({ cache, fetcher: registryFetcher, rangeTtlMs: 1000, now: () => clock });
    expect((await fetcher.fetch("lib", "^1.0.0")).version).toBe("1.2.0");
    const requests = registry!.requests.length;
    clock = 999;
    expect((await fetcher.fetch("lib", "^1.0.0")).version).toBe("1.2.0");
    expect(registry!.requests.length).toBe(requests);
    clock = 1000;
    await fetcher.fetch("lib", "^1.0.0");
    expect(registry!.requests.length).toBeGreaterThan(requests);
  });
});
