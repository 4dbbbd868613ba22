import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRegistryFetcher, packagePath, registrySpecProblem } from "../../src/environment/create-registry-fetcher.js";
import { DEFAULT_PACKAGE_LIMITS, type PackageLimits } from "../../src/environment/package-files.js";
import { buildPackageTarball, buildRawTarball, startFakeRegistry, type FakePackage, type FakeRegistry } from "../helpers/fake-registry.js";

let tempDirs: string[] = [];
let registries: FakeRegistry[] = [];

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

async function registryWith(packages: FakePackage[]): Promise<FakeRegistry> {
  const registry = await startFakeRegistry(packages);
  registries.push(registry);
  return registry;
}

async function fetcherFor(registry: FakeRegistry, options: { limits?: PackageLimits; offline?: boolean; npmCacheDir?: string; token?: string } = {}) {
  return createRegistryFetcher({
    registry: registry.url,
    npmCacheDir: options.npmCacheDir ?? (await tempDir("patchsmith-npm-cache-")),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    ...(options.offline === undefined ? {} : { offline: options.offline }),
    ...(options.token === undefined ? {} : { token: options.token }),
  });
}

beforeEach(() => {
  tempDirs = [];
  registries = [];
});

afterEach(async () => {
  await Promise.all(registries.map((r) => r.close()));
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true, maxRetries: 5 })));
});

const typedPackage: FakePackage = {
  name: "typed-lib",
  version: "1.2.3",
  files: {
    "index.js": "module.exports = 1;\n",
    "index.d.ts": "export declare const x: number;\n",
    "esm/index.d.mts": "export declare const y: string;\n",
    "cjs/index.d.cts": "export declare const z: boolean;\n",
    "lib/inner/package.json": "{\"type\":\"module\"}\n",
    "tsconfig.json": "{\"compilerOptions\":{\"strict\":true}}\n",
    "tsconfig.build.json": "{\"extends\":\"./tsconfig.json\"}\n",
    "README.md": "# typed-lib\n",
    "data.json": "{\"a\":1}\n",
    "index.d.ts.map": "{}",
    "src/index.ts": "export const x = 1;\n",
  },
};

describe("createRegistryFetcher", () => {
  it("keeps only declaration, package.json and tsconfig files", async () => {
    const registry = await registryWith([typedPackage]);
    const pkg = await (await fetcherFor(registry)).fetch("typed-lib", "1.2.3");
    expect(pkg.name).toBe("typed-lib");
    expect(pkg.version).toBe("1.2.3");
    expect([...pkg.files.keys()].sort()).toEqual([
      "cjs/index.d.cts",
      "esm/index.d.mts",
      "index.d.ts",
      "lib/inner/package.json",
      "package.json",
      "tsconfig.build.json",
      "tsconfig.json",
    ]);
    expect(pkg.files.get("index.d.ts")).toBe("export declare const x: number;\n");
    expect(JSON.parse(pkg.files.get("package.json")!)).toMatchObject({ name: "typed-lib", version: "1.2.3" });
    const expectedBytes = [...pkg.files.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    expect(pkg.bytes).toBe(expectedBytes);
    expect(registry.requests).toEqual(["/typed-lib", "/typed-lib/-/typed-lib-1.2.3.tgz"]);
  });

  it("keeps the JSON file the root package.json names in tsconfig or main", async () => {
    const registry = await registryWith([
      { name: "@tsconfig/node99", version: "1.0.0", files: { "package.json": JSON.stringify({ main: "./node99.json" }), "node99.json": "{\"compilerOptions\":{\"target\":\"es2023\"}}", "other.json": "{}" } },
      { name: "tsconfig-field", version: "2.0.0", files: { "package.json": JSON.stringify({ tsconfig: "config/base.json" }), "config/base.json": "{\"compilerOptions\":{}}", "main.js": "" } },
    ]);
    const fetcher = await fetcherFor(registry);
    const viaMain = await fetcher.fetch("@tsconfig/node99", "^1.0.0");
    expect([...viaMain.files.keys()].sort()).toEqual(["node99.json", "package.json"]);
    const viaTsconfig = await fetcher.fetch("tsconfig-field", "2.0.0");
    expect([...viaTsconfig.files.keys()].sort()).toEqual(["config/base.json", "package.json"]);
  });

  it("fetches a scoped package", async () => {
    const registry = await registryWith([{ name: "@scope/types", version: "0.1.0", files: { "index.d.ts": "export type T = 1;\n" } }]);
    const pkg = await (await fetcherFor(registry)).fetch("@scope/types", "0.1.0");
    expect(pkg.name).toBe("@scope/types");
    expect(pkg.files.get("index.d.ts")).toBe("export type T = 1;\n");
    expect(registry.requests[0]).toBe("/@scope%2ftypes");
    expect(registry.requests[1]).toBe("/@scope/types/-/types-0.1.0.tgz");
  });

  it("resolves a range to the highest matching version, and a dist-tag", async () => {
    const version = (v: string): FakePackage => ({ name: "ranged", version: v, files: { "index.d.ts": `export declare const v: "${v}";\n` } });
    const registry = await registryWith([version("1.0.0"), version("1.4.2"), version("1.10.0"), version("2.0.0"), version("2.1.0-beta.1")]);
    const fetcher = await fetcherFor(registry);
    const caret = await fetcher.fetch("ranged", "^1.0.0");
    expect(caret.version).toBe("1.10.0");
    expect(caret.files.get("index.d.ts")).toContain('"1.10.0"');
    expect((await fetcher.fetch("ranged", "~1.4.0")).version).toBe("1.4.2");
    expect((await fetcher.fetch("ranged", "latest")).version).toBe("2.0.0");
    await expect(fetcher.fetch("ranged", "^3.0.0")).rejects.toThrow(/^ranged@\^3\.0\.0: no version in the registry matches/);
  });

  it("rejects a package the registry does not have, naming it", async () => {
    const registry = await registryWith([]);
    await expect((await fetcherFor(registry)).fetch("no-such-package", "^1.0.0")).rejects.toThrow("no-such-package@^1.0.0: not found in the registry (404)");
  });

  it("says when the registry cannot be reached", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, "127.0.0.1", () => {
        const address = probe.address();
        probe.close(() => {
          resolve(typeof address === "object" && address !== null ? address.port : 0);
        });
      });
    });
    const fetcher = createRegistryFetcher({ registry: `http://127.0.0.1:${port}/`, npmCacheDir: await tempDir("patchsmith-npm-cache-") });
    await expect(fetcher.fetch("anything", "1.0.0")).rejects.toThrow(/^anything@1\.0\.0: the registry could not be reached/);
  });

  it("rejects a tarball whose bytes do not match the integrity", async () => {
    const real = await buildPackageTarball({ "package.json": "{\"name\":\"tampered\",\"version\":\"1.0.0\"}", "index.d.ts": "export {};\n" });
    const evil = await buildPackageTarball({ "package.json": "{\"name\":\"tampered\",\"version\":\"1.0.0\"}", "index.d.ts": "export declare const evil: 1;\n" });
    const registry = await registryWith([{ name: "tampered", version: "1.0.0", files: {}, tarball: real, servedTarball: evil }]);
    await expect((await fetcherFor(registry)).fetch("tampered", "1.0.0")).rejects.toThrow(/^tampered@1\.0\.0: the tarball does not match its integrity checksum/);
    // npm's fetcher retries a corrupt download (make-fetch-happen, then pacote): never more than a few requests.
    expect(registry.requests.filter((path) => path.endsWith(".tgz")).length).toBeLessThanOrEqual(6);
  });

  it("never runs install scripts", async () => {
    const markers = await tempDir("patchsmith-canary-");
    const marker = (script: string) => join(markers, script);
    const scripts = Object.fromEntries(["preinstall", "install", "postinstall", "prepare", "prepack", "postpack"].map((s) => [s, `touch ${JSON.stringify(marker(s))}`]));
    const registry = await registryWith([{ name: "canary", version: "1.0.0", scripts, files: { "index.d.ts": "export {};\n", "install.js": `require("fs").writeFileSync(${JSON.stringify(marker("js"))}, "")` } }]);
    const pkg = await (await fetcherFor(registry)).fetch("canary", "1.0.0");
    expect(JSON.parse(pkg.files.get("package.json")!)).toMatchObject({ scripts });
    for (const name of [...Object.keys(scripts), "js"]) expect(existsSync(marker(name))).toBe(false);
  });

  it("rejects specs that are not registry packages without any request", async () => {
    const registry = await registryWith([typedPackage]);
    const fetcher = await fetcherFor(registry);
    const bad: Array<[string, string]> = [
      ["git+https://x", "1.0.0"],
      ["../x", "1.0.0"],
      ["typed-lib", "git+https://github.com/a/b.git"],
      ["typed-lib", "../x"],
      ["typed-lib", "file:../x"],
      ["typed-lib", "npm:other@1.0.0"],
      ["typed-lib", "https://example.com/x.tgz"],
      ["typed-lib", "github:a/b"],
      ["typed-lib", "a/b"],
      ["@scope/../x", "1.0.0"],
      ["a/b/c", "1.0.0"],
      ["/abs", "1.0.0"],
      ["", "1.0.0"],
      [".hidden", "1.0.0"],
    ];
    for (const [name, range] of bad) {
      await expect(fetcher.fetch(name, range), `${name}@${range}`).rejects.toThrow(`${name}@${range}: not a`);
    }
    expect(registry.requests).toEqual([]);
    expect(registrySpecProblem("@types/node", "^20.0.0 || >=22")).toBeUndefined();
    expect(registrySpecProblem("typescript", "next")).toBeUndefined();
    expect(registrySpecProblem("JSONStream", "1.3.5")).toBeUndefined();
  });

  it("sends the token to the registry, and no token when none is given", async () => {
    const registry = await registryWith([typedPackage]);
    await expect((await fetcherFor(registry, { token: "s3cret" })).fetch("typed-lib", "1.2.3")).resolves.toMatchObject({ version: "1.2.3" });
    expect(registry.authorizations).toEqual(["Bearer s3cret", "Bearer s3cret"]);
    await (await fetcherFor(registry)).fetch("typed-lib", "1.2.3");
    expect(registry.authorizations.slice(2)).toEqual([undefined, undefined]);
  });

  it("does not send the token to a tarball on another host", async () => {
    const tarball = await buildPackageTarball({ "package.json": "{\"name\":\"typed-lib\",\"version\":\"1.2.3\"}", "index.d.ts": "export {};\n" });
    const elsewhere = await registryWith([{ name: "typed-lib", version: "1.2.3", files: {}, tarball }]);
    const registry = await registryWith([{ name: "typed-lib", version: "1.2.3", files: {}, tarball, tarballBase: elsewhere.url }]);
    const pkg = await (await fetcherFor(registry, { token: "t0k3n" })).fetch("typed-lib", "1.2.3");
    expect(pkg.files.get("index.d.ts")).toBe("export {};\n");
    expect(registry.requests).toEqual(["/typed-lib"]);
    expect(registry.authorizations).toEqual(["Bearer t0k3n"]);
    expect(elsewhere.requests).toEqual(["/typed-lib/-/typed-lib-1.2.3.tgz"]);
    expect(elsewhere.authorizations).toEqual([undefined]);
  });

  it("answers from npm's cache when offline, and says when it cannot", async () => {
    const registry = await registryWith([typedPackage]);
    const npmCacheDir = await tempDir("patchsmith-npm-cache-");
    await (await fetcherFor(registry, { npmCacheDir })).fetch("typed-lib", "1.2.3");
    const before = registry.requests.length;
    const offline = await fetcherFor(registry, { npmCacheDir, offline: true });
    const pkg = await offline.fetch("typed-lib", "1.2.3");
    expect(pkg.files.get("index.d.ts")).toBe("export declare const x: number;\n");
    await expect(offline.fetch("other-lib", "1.0.0")).rejects.toThrow("other-lib@1.0.0: offline and not in the cache");
    expect(registry.requests.length).toBe(before);
  });

  it("stops when aborted", async () => {
    const registry = await registryWith([{ name: "stalled", version: "1.0.0", files: { "index.d.ts": "export {};\n" }, stallTarball: true }]);
    const fetcher = await fetcherFor(registry);
    const already = new AbortController();
    already.abort();
    await expect(fetcher.fetch("stalled", "1.0.0", already.signal)).rejects.toThrow("stalled@1.0.0: aborted");
    expect(registry.requests).toEqual([]);

    const controller = new AbortController();
    const started = Date.now();
    const pending = fetcher.fetch("stalled", "1.0.0", controller.signal);
    setTimeout(() => {
      controller.abort();
    }, 300);
    await expect(pending).rejects.toThrow("stalled@1.0.0: aborted");
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(registry.requests).toEqual(["/stalled", "/stalled/-/stalled-1.0.0.tgz"]);
  });

  describe("hostile tarballs", () => {
    const hostile = async (tarball: Buffer, limits: Partial<PackageLimits> = {}) => {
      const registry = await registryWith([{ name: "hostile", version: "6.6.6", files: {}, tarball }]);
      return (await fetcherFor(registry, { limits: { ...DEFAULT_PACKAGE_LIMITS, ...limits } })).fetch("hostile", "6.6.6");
    };
    const manifest = { path: "package/package.json", body: "{\"name\":\"hostile\",\"version\":\"6.6.6\"}" };

    it("skips symbolic links, hard links, devices and directories without following them", async () => {
      const pkg = await hostile(
        buildRawTarball([
          manifest,
          { path: "package/", type: "directory" },
          { path: "package/index.d.ts", body: "export {};\n" },
          { path: "package/passwd.d.ts", type: "symlink", linkpath: "/etc/passwd" },
          { path: "package/up.d.ts", type: "symlink", linkpath: "../../../../etc/hostname" },
          { path: "package/hard.d.ts", type: "hardlink", linkpath: "/etc/passwd" },
          { path: "package/same.d.ts", type: "hardlink", linkpath: "package/index.d.ts" },
          { path: "package/dev.d.ts", type: "chardev" },
          { path: "package/fifo.d.ts", type: "fifo" },
        ]),
      );
      expect([...pkg.files.keys()].sort()).toEqual(["index.d.ts", "package.json"]);
    });

    it("never keeps absolute paths or paths with .. segments", async () => {
      const pkg = await hostile(
        buildRawTarball([
          manifest,
          { path: "package/../../evil.d.ts", body: "export declare const evil: 1;\n" },
          { path: "package/a/../../b.d.ts", body: "export declare const evil: 2;\n" },
          { path: "/etc/x.d.ts", body: "export declare const evil: 3;\n" },
          { path: "../outside/x.d.ts", body: "export declare const evil: 4;\n" },
          { path: "C:/windows/x.d.ts", body: "export declare const evil: 5;\n" },
          { path: "package\\..\\..\\win.d.ts", body: "export declare const evil: 6;\n" },
          { path: "top-level.d.ts", body: "export declare const evil: 7;\n" },
          { path: "package/./ok/./fine.d.ts", body: "export {};\n" },
        ]),
      );
      expect([...pkg.files.keys()].sort()).toEqual(["ok/fine.d.ts", "package.json"]);
      for (const text of pkg.files.values()) expect(text).not.toContain("evil");
    });

    it("skips a file over maxFileBytes", async () => {
      const pkg = await hostile(buildRawTarball([manifest, { path: "package/huge.d.ts", body: `export declare const big: "${"x".repeat(5000)}";\n` }, { path: "package/small.d.ts", body: "export {};\n" }]), { maxFileBytes: 1000 });
      expect([...pkg.files.keys()].sort()).toEqual(["package.json", "small.d.ts"]);
    });

    it("rejects a tarball with too many entries", async () => {
      const entries = Array.from({ length: 30 }, (_, i) => ({ path: `package/f${i}.js`, body: "" }));
      await expect(hostile(buildRawTarball([manifest, ...entries]), { maxEntries: 10 })).rejects.toThrow("hostile@6.6.6: the tarball is over the limit of 10 entries");
    });

    it("rejects a package whose kept files are over maxKeptBytes", async () => {
      const entries = Array.from({ length: 10 }, (_, i) => ({ path: `package/f${i}.d.ts`, body: `export declare const v${i}: "${"y".repeat(200)}";\n` }));
      await expect(hostile(buildRawTarball([manifest, ...entries]), { maxKeptBytes: 1000 })).rejects.toThrow("hostile@6.6.6: the kept declaration files are over the limit of 1000 bytes");
    });

    it("rejects a tarball over maxTarballBytes", async () => {
      const { randomBytes } = await import("node:crypto");
      const noise = randomBytes(20_000).toString("base64");
      await expect(hostile(buildRawTarball([manifest, { path: "package/noise.js", body: noise }]), { maxTarballBytes: 4096 })).rejects.toThrow("hostile@6.6.6: the tarball is over the limit of 4096 bytes");
    });

    it("rejects something that is not a tarball", async () => {
      const { gzipSync } = await import("node:zlib");
      await expect(hostile(gzipSync(Buffer.from("not a tarball at all")))).rejects.toThrow(/^hostile@6\.6\.6: not a valid package tarball/);
    });
  });
});

describe("packagePath", () => {
  it("strips the first segment and refuses paths that could escape", () => {
    expect(packagePath("package/index.d.ts")).toBe("index.d.ts");
    expect(packagePath("node/fs/promises.d.ts")).toBe("fs/promises.d.ts");
    expect(packagePath("package//a//b.d.ts")).toBe("a/b.d.ts");
    expect(packagePath("package")).toBeUndefined();
    expect(packagePath("package/../x.d.ts")).toBeUndefined();
    expect(packagePath("/package/x.d.ts")).toBeUndefined();
    expect(packagePath("C:\\package\\x.d.ts")).toBeUndefined();
  });
});
