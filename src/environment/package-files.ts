/**
 * The declaration files of one registry package, as data: what type checking
 * needs of it (`.d.ts`/`.d.mts`/`.d.cts`, package.json files, tsconfig files),
 * nothing that could run.
 */
export interface PackageFiles {
  readonly name: string;
  readonly version: string;
  /** Path inside the package (forward slashes, no leading "package/") → UTF-8 text. */
  readonly files: ReadonlyMap<string, string>;
  /** Sum of the kept files' UTF-8 bytes. */
  readonly bytes: number;
}

/** Limits on one package's tarball, applied while it streams (the registry is untrusted). */
export interface PackageLimits {
  /** Compressed tarball bytes. */
  readonly maxTarballBytes: number;
  /** Entries in the tarball (every entry counts, kept or not). */
  readonly maxEntries: number;
  /** Bytes of one kept file. */
  readonly maxFileBytes: number;
  /** Bytes of all kept files of the package. */
  readonly maxKeptBytes: number;
}

export const DEFAULT_PACKAGE_LIMITS: PackageLimits = {
  maxTarballBytes: 32 * 1024 * 1024,
  maxEntries: 20_000,
  maxFileBytes: 8 * 1024 * 1024,
  maxKeptBytes: 24 * 1024 * 1024,
};

/** Where packages come from: the registry (with npm's fetcher) or a test double. */
export interface PackageFetcher {
  /**
   * The files of `name` at `range` (an exact version from a lockfile, or a
   * semver range from a package.json). Rejects with an Error whose message
   * names the package and the reason (404, limit, network, offline).
   */
  fetch(name: string, range: string, signal?: AbortSignal): Promise<PackageFiles>;
}
