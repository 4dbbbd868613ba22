import semver from "semver";
import type { PackageCache } from "./create-package-cache.js";
import type { PackageFetcher, PackageFiles } from "./package-files.js";

export interface CachedFetcherParams {
  readonly cache: PackageCache;
  readonly fetcher: PackageFetcher;
  /** Answer only from the cache; never call `fetcher`. */
  readonly offline?: boolean;
  /** How long a range's answer from the registry is reused without asking again (default 10 minutes). */
  readonly rangeTtlMs?: number;
  readonly now?: () => number;
}

/** An exact version, as a lockfile pins it (what the cache can answer without asking the registry). */
const EXACT_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/**
 * Answers exact versions from the package cache before fetching, and stores
 * what it fetches. A range goes to the fetcher (the registry decides what it
 * resolves to), except offline, where it is answered with the highest cached
 * version that satisfies it.
 */
export function createCachedFetcher(params: CachedFetcherParams): PackageFetcher {
  const offline = params.offline ?? false;

  const missOffline = (name: string, range: string) => new Error(`${name}@${range}: offline mode and not in the package cache`);

  const fetchAndStore = async (name: string, range: string, signal: AbortSignal | undefined): Promise<PackageFiles> => {
    const pkg = await params.fetcher.fetch(name, range, signal);
    try {
      await params.cache.put(pkg);
    } catch {
      // The cache only saves work: a package that could not be stored (disk full, read-only
      // directory) is still the package the review needs.
    }
    return pkg;
  };

  /** The highest cached version of `name` for a range or dist-tag (a tag other than latest is unknown offline). */
  const cachedVersionFor = async (name: string, range: string): Promise<string | undefined> => {
    const versions = (await params.cache.versions(name)).filter((v) => semver.valid(v) !== null);
    const wanted = range.trim() === "" || range === "latest" ? "*" : range;
    if (semver.validRange(wanted, { loose: true }) === null) return undefined;
    return semver.maxSatisfying(versions, wanted, { loose: true }) ?? undefined;
  };

  // A range (no lockfile) resolved by the registry a moment ago resolves the same way now: reviews in a row ask once.
  const resolved = new Map<string, { version: string; at: number }>();
  const ttl = params.rangeTtlMs ?? 10 * 60_000;
  const now = params.now ?? Date.now;

  return {
    async fetch(name, range, signal) {
      const recent = resolved.get(`${name}@${range}`);
      if (!EXACT_VERSION.test(range) && recent !== undefined && now() - recent.at < ttl) {
        const cached = await params.cache.get(name, recent.version);
        if (cached !== undefined) return cached;
      }
      if (EXACT_VERSION.test(range)) {
        const cached = await params.cache.get(name, range);
        if (cached !== undefined) return cached;
        if (offline) throw missOffline(name, range);
        return fetchAndStore(name, range, signal);
      }
      if (!offline) {
        const pkg = await fetchAndStore(name, range, signal);
        resolved.set(`${name}@${range}`, { version: pkg.version, at: now() });
        return pkg;
      }
      const version = await cachedVersionFor(name, range);
      const cached = version === undefined ? undefined : await params.cache.get(name, version);
      if (cached === undefined) throw missOffline(name, range);
      return cached;
    },
  };
}
