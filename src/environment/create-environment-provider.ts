import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { AppSettings } from "../config/app-settings.js";
import { acquireEnvironment, type EnvironmentLimits, type EnvironmentProvider } from "./acquire-environment.js";
import { createCachedFetcher } from "./create-cached-fetcher.js";
import { createPackageCache } from "./create-package-cache.js";
import { createRegistryFetcher } from "./create-registry-fetcher.js";
import type { PackageFetcher } from "./package-files.js";

/** Where declarations are cached: PATCHSMITH_TYPES_CACHE_DIR, else $XDG_CACHE_HOME/patchsmith/types, else ~/.cache/patchsmith/types. */
export function typesCacheDir(settings: AppSettings["types"], env: Readonly<Record<string, string | undefined>>, homeDir: string = os.homedir()): string {
  if (settings.cacheDir !== undefined) return path.resolve(settings.cacheDir);
  const cache = env["XDG_CACHE_HOME"];
  return path.join(cache !== undefined && cache !== "" ? cache : path.join(homeDir, ".cache"), "patchsmith", "types");
}

/**
 * The process's environment provider from the operator's settings: npm's
 * fetcher against the configured registry (integrity checked, no scripts),
 * behind a size-capped on-disk cache shared by every review; offline mode
 * answers from that cache only; "off" gives none (imports of packages stay
 * unknown and unreported). Build it once per process.
 */
export function createEnvironmentProvider(params: {
  readonly settings: AppSettings["types"];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly limits?: EnvironmentLimits;
}): EnvironmentProvider | undefined {
  const { settings } = params;
  if (settings.mode === "off") return undefined;
  const dir = typesCacheDir(settings, params.env);
  const offline = settings.mode === "offline";
  // npm's own cache would keep every whole tarball (five times the declarations, with no cap): each fetch gets a
  // scratch one, removed after; the declaration cache below is what later reviews and offline mode use.
  const registry: PackageFetcher = {
    async fetch(name, range, signal) {
      const scratch = await mkdtemp(path.join(os.tmpdir(), "patchsmith-npm-"));
      try {
        const fetcher = createRegistryFetcher({ registry: settings.registry, npmCacheDir: scratch, offline, ...(settings.token === undefined ? {} : { token: settings.token }) });
        return await fetcher.fetch(name, range, signal);
      } finally {
        await rm(scratch, { recursive: true, force: true, maxRetries: 5 }).catch(() => undefined);
      }
    },
  };
  const cache = createPackageCache({ dir: path.join(dir, "packages"), maxBytes: settings.cacheMb * 1024 * 1024 });
  const fetcher = createCachedFetcher({ cache, fetcher: registry, offline });
  return (request, signal) => acquireEnvironment({ request, fetcher, ...(params.limits ? { limits: params.limits } : {}), ...(signal ? { signal } : {}) });
}
