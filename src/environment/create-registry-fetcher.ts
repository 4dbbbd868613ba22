import pacote from "pacote";
import semver from "semver";
import { Parser, type ReadEntry } from "tar";
import { DEFAULT_PACKAGE_LIMITS, type PackageFetcher, type PackageLimits } from "./package-files.js";

export interface RegistryFetcherParams {
  /** Registry URL, e.g. https://registry.npmjs.org/ (a path prefix is kept). */
  readonly registry: string;
  /** Bearer token for that registry; sent only to it (npm's nerf-dart scoping). */
  readonly token?: string;
  /** Only npm's cache (npmCacheDir) answers; nothing goes to the network. */
  readonly offline?: boolean;
  /** npm's cache (cacache): packuments and tarballs by integrity. */
  readonly npmCacheDir: string;
  readonly limits?: PackageLimits;
}

/** A valid npm package name: `name` or `@scope/name`, URL-safe, never a path. */
const PACKAGE_NAME = /^(?:@[A-Za-z0-9~-][A-Za-z0-9._~-]*\/)?[A-Za-z0-9~-][A-Za-z0-9._~-]*$/;
/** A dist-tag (`latest`, `next`): what npm-package-arg calls a tag, nothing that could be a path or URL. */
const DIST_TAG = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Checks that `name@range` is a registry spec (a version, range or tag of a
 * registry package) and not anything npm-package-arg would read as git, a
 * file, a directory, a URL or an alias. Returns the reason it is not, or
 * undefined.
 */
export function registrySpecProblem(name: string, range: string): string | undefined {
  if (name.length === 0 || name.length > 214 || !PACKAGE_NAME.test(name) || name.includes("..")) return "not a valid npm package name";
  if (range.length > 256) return "not a semver version, range or dist-tag";
  if (range.trim() === "" || semver.validRange(range, { loose: true }) !== null) return undefined;
  if (DIST_TAG.test(range) && !range.includes("..")) return undefined;
  return "not a semver version, range or dist-tag (only registry packages are fetched)";
}

/**
 * Fetches the declaration files of registry packages with npm's own fetcher
 * (pacote): the tarball's integrity is checked against the manifest's
 * `dist.integrity`, nothing is ever run (tarballs are streamed, never
 * extracted or installed) and nothing of the package is written to disk except
 * npm's cache of the tarball. Limits apply while the tarball streams.
 */
export function createRegistryFetcher(params: RegistryFetcherParams): PackageFetcher {
  const limits = params.limits ?? DEFAULT_PACKAGE_LIMITS;
  const registry = params.registry.endsWith("/") ? params.registry : `${params.registry}/`;
  const registryUrl = new URL(registry);
  const baseOptions: pacote.Options = {
    registry,
    cache: params.npmCacheDir,
    offline: params.offline ?? false,
    preferOnline: false,
    preferOffline: false,
    // Registry tarballs never run scripts through tarball.stream; say so anyway.
    ignoreScripts: true,
    fullMetadata: false,
    fetchRetries: 2,
    fetchRetryFactor: 3,
    fetchRetryMintimeout: 300,
    fetchRetryMaxtimeout: 5_000,
    timeout: 60_000,
    ...(params.token === undefined ? {} : { [`//${registryUrl.host}${registryUrl.pathname}:_authToken`]: params.token }),
  };

  return {
    async fetch(name, range, signal) {
      const label = `${name}@${range}`;
      const problem = registrySpecProblem(name, range);
      if (problem !== undefined) throw new Error(`${label}: ${problem}`);
      if (signal?.aborted === true) throw new Error(`${label}: aborted`, { cause: signal.reason });

      // One controller per fetch: the caller's signal aborts it, and so does a limit, so that a
      // rejected download stops at once instead of running on in the background.
      const controller = new AbortController();
      const onAbort = () => {
        controller.abort(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const options: pacote.Options = { ...baseOptions, signal: controller.signal, packumentCache: new Map() };
      try {
        const manifest = await pacote.manifest(`${name}@${range.trim() === "" ? "*" : range}`, options);
        if (manifest.name !== name) throw new Error(`the registry answered with the manifest of ${manifest.name}`);
        const version = manifest.version;
        if (semver.valid(version) === null) throw new Error(`the registry answered with the invalid version ${JSON.stringify(version)}`);
        const resolved = manifest._resolved;
        if (!/^https?:\/\//i.test(resolved)) throw new Error(`the tarball URL is not http(s): ${JSON.stringify(resolved)}`);
        const integrity = manifest._integrity as string | undefined;
        if (integrity === undefined || integrity === "") throw new Error("the registry gave no integrity checksum for the tarball");
        const kept = await pacote.tarball.stream(
          `${name}@${version}`,
          (stream) => readDeclarations(stream, limits, controller),
          { ...options, resolved, integrity },
        );
        return { name, version, files: kept.files, bytes: kept.bytes };
      } catch (error) {
        controller.abort();
        if (isAborted(signal)) throw new Error(`${label}: aborted`, { cause: error });
        throw new Error(`${label}: ${describeFailure(error)}`, { cause: error });
      } finally {
        signal?.removeEventListener("abort", onAbort);
      }
    },
  };
}

/** Whether the caller aborted (a function, so that TypeScript does not keep an earlier narrowing across awaits). */
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted ?? false;
}

/** A limit the tarball broke; never retried (pacote retries only integrity and cache errors). */
class PackageLimitError extends Error {
  readonly code = "EPACKAGELIMIT";
}

function describeFailure(error: unknown): string {
  if (error instanceof PackageLimitError) return error.message;
  const code = errorField(error, "code");
  const message = error instanceof Error ? error.message : String(error);
  if (code === "E404") return "not found in the registry (404)";
  if (code === "ETARGET") return "no version in the registry matches";
  if (code === "ENOTCACHED") return "offline and not in the cache";
  if (code === "EINTEGRITY") return `the tarball does not match its integrity checksum (${message})`;
  if (code === "E401" || code === "E403") return `the registry refused access (${code.slice(1)})`;
  if (typeof code === "string" && /^E\d{3}$/.test(code)) return `the registry answered ${code.slice(1)}`;
  if (
    (typeof code === "string" && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE|ECONNECTIONTIMEOUT|EIDLETIMEOUT|ERESPONSETIMEOUT|ETRANSFERTIMEOUT|ERR_SOCKET_TIMEOUT)$/.test(code)) ||
    errorField(error, "type") === "system" ||
    errorField(error, "type") === "request-timeout"
  ) {
    return `the registry could not be reached (${message})`;
  }
  return message;
}

function errorField(error: unknown, field: "code" | "type"): unknown {
  return typeof error === "object" && error !== null && field in error ? (error as Record<string, unknown>)[field] : undefined;
}

/** What a package keeps: declarations, package.json files and tsconfig files. */
function isKeptPath(path: string): boolean {
  const base = path.slice(path.lastIndexOf("/") + 1);
  return /\.d\.[mc]?ts$/.test(base) || base === "package.json" || /^tsconfig.*\.json$/.test(base);
}

/**
 * The path of an entry inside the package (the first segment, normally
 * `package/`, stripped), or undefined for an entry that must not be kept:
 * absolute, with `..` segments, or nothing below the first segment.
 */
export function packagePath(entryPath: string): string | undefined {
  const path = entryPath.replace(/\\/g, "/");
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path) || path.includes("\0")) return undefined;
  const segments = path.split("/").filter((segment) => segment !== "" && segment !== ".");
  if (segments.some((segment) => segment === "..")) return undefined;
  if (segments.length < 2) return undefined;
  return segments.slice(1).join("/");
}

/** The JSON file named by the root package.json's `tsconfig` or `main` field, as a package path. */
function rootJsonField(packageJson: string | undefined): string[] {
  if (packageJson === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(packageJson);
  } catch {
    return [];
  }
  if (typeof parsed !== "object" || parsed === null) return [];
  const named: string[] = [];
  for (const field of ["tsconfig", "main"] as const) {
    const value = (parsed as Record<string, unknown>)[field];
    if (typeof value !== "string" || !value.endsWith(".json")) continue;
    const path = packagePath(`package/${value}`);
    if (path !== undefined) named.push(path);
  }
  return named;
}

interface Kept {
  readonly files: Map<string, string>;
  readonly bytes: number;
}

/**
 * Reads a package tarball stream (gzipped tar) into memory, keeping only the
 * files type checking needs. Rejects when the tarball breaks a limit; never
 * follows links and never writes anything.
 */
function readDeclarations(stream: NodeJS.ReadableStream, limits: PackageLimits, controller: AbortController): Promise<Kept> {
  return new Promise<Kept>((resolve, reject) => {
    const files = new Map<string, string>();
    /** Other JSON files, in case the root package.json names one in `tsconfig` or `main` (it may come later in the tarball). */
    const jsonCandidates = new Map<string, string>();
    let candidateBytes = 0;
    let keptBytes = 0;
    let tarballBytes = 0;
    let entries = 0;
    let settled = false;
    const parser = new Parser({
      onwarn: (code: string, message: string) => {
        if (code === "TAR_BAD_ARCHIVE") fail(new Error(`not a valid package tarball: ${message}`));
      },
    });

    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      controller.signal.removeEventListener("abort", onAbort);
      if (error instanceof PackageLimitError) controller.abort(error);
      // Stops parsing (the parser's own error that this emits finds the promise settled). A fresh
      // Error: tar assigns a code to it, which a DOMException (an abort reason) would refuse.
      parser.abort(new Error("stopped reading the tarball"));
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const onAbort = () => {
      fail(controller.signal.reason instanceof Error ? controller.signal.reason : new Error("aborted"));
    };
    controller.signal.addEventListener("abort", onAbort, { once: true });

    /** Keeps a file; false (and the promise rejected) when that breaks maxKeptBytes. */
    const keep = (path: string, text: string): boolean => {
      const bytes = Buffer.byteLength(text, "utf8");
      const previous = files.get(path);
      const total = keptBytes - (previous === undefined ? 0 : Buffer.byteLength(previous, "utf8")) + bytes;
      if (total > limits.maxKeptBytes) {
        fail(new PackageLimitError(`the kept declaration files are over the limit of ${limits.maxKeptBytes} bytes`));
        return false;
      }
      keptBytes = total;
      files.set(path, text);
      return true;
    };

    parser.on("entry", (entry: ReadEntry) => {
      entries += 1;
      if (entries > limits.maxEntries) {
        entry.resume();
        fail(new PackageLimitError(`the tarball is over the limit of ${limits.maxEntries} entries`));
        return;
      }
      // Only regular files: symbolic links, hard links, devices and directories are never followed or kept.
      const path = entry.type === "File" || entry.type === "OldFile" || entry.type === "ContiguousFile" ? packagePath(entry.path) : undefined;
      const wanted = path !== undefined && (isKeptPath(path) || path.endsWith(".json"));
      if (path === undefined || !wanted || entry.size > limits.maxFileBytes || settled) {
        entry.resume();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      entry.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= limits.maxFileBytes) chunks.push(chunk);
      });
      entry.on("end", () => {
        if (settled || size > limits.maxFileBytes) return;
        const text = Buffer.concat(chunks).toString("utf8");
        if (isKeptPath(path)) {
          keep(path, text);
        } else if (candidateBytes + size <= limits.maxKeptBytes) {
          candidateBytes += size;
          jsonCandidates.set(path, text);
        }
      });
    });
    parser.on("error", (error: unknown) => {
      fail(error);
    });
    parser.on("end", () => {
      if (settled) return;
      for (const path of rootJsonField(files.get("package.json"))) {
        const text = jsonCandidates.get(path);
        if (text !== undefined && !files.has(path) && !keep(path, text)) return;
      }
      settled = true;
      controller.signal.removeEventListener("abort", onAbort);
      resolve({ files, bytes: keptBytes });
    });

    // Errors of the tarball stream (network, integrity) reject the handler; pacote then decides
    // whether to retry. The listener stays for good: a stream aborted after a limit still errors.
    stream.on("error", (error: unknown) => {
      fail(error);
    });
    stream.on("data", (chunk: Buffer) => {
      if (settled) return;
      tarballBytes += chunk.length;
      if (tarballBytes > limits.maxTarballBytes) {
        fail(new PackageLimitError(`the tarball is over the limit of ${limits.maxTarballBytes} bytes`));
        return;
      }
      parser.write(chunk);
    });
    stream.on("end", () => {
      if (!settled) parser.end();
    });
  });
}
