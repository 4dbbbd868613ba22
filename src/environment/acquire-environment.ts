import ts from "typescript";
import type { Notice } from "../types.js";
import { mapLimit } from "../workspace/map-limit.js";
import type { PackageFetcher, PackageFiles } from "./package-files.js";
import { packageNameOf, typesPackageOf } from "./package-name-of.js";
import { readDeclaredRanges, readLockedVersions } from "./read-locked-versions.js";

/** What a review asks of its environment: data only, so it can cross a thread boundary. */
export interface EnvironmentRequest {
  /** The root package.json and lockfiles, by repository path (the files read as data). */
  readonly manifests: ReadonlyMap<string, string>;
  /** Package names the code imports or the tsconfigs name. */
  readonly wanted: readonly string[];
  /** Names of the repository's own packages that could not be linked from it: never fetched, their imports `any`. */
  readonly workspacePackages?: readonly string[];
  /** Names of the repository's workspace packages linked from its own files: never fetched, typed by the repository. */
  readonly linkedPackages?: readonly string[];
}

export interface MissingPackage {
  readonly name: string;
  readonly reason: string;
}

/** The declarations a review type-checks against, as data. */
export interface AcquiredEnvironment {
  /** "node_modules/<name>/<file>" → text; `node_modules/.patchsmith/` holds `any` modules for what could not be had. */
  readonly files: ReadonlyMap<string, string>;
  readonly packages: readonly { readonly name: string; readonly version: string }[];
  /** Packages the repository declares but that could not be had: their imports are `any`. */
  readonly missing: readonly MissingPackage[];
  /** Where versions came from ("package-lock.json", or "package.json ranges"). */
  readonly versionsFrom: string;
  readonly notices: readonly Notice[];
  readonly stats: { readonly packages: number; readonly bytes: number; readonly ms: number };
}

/** Acquires an environment; given to the engine from above (registry, cache and settings stay there). */
export type EnvironmentProvider = (request: EnvironmentRequest, signal?: AbortSignal) => Promise<AcquiredEnvironment>;

export interface EnvironmentLimits {
  /** Packages one review may acquire. */
  readonly maxPackages: number;
  /** Declaration bytes one review may hold. */
  readonly maxBytes: number;
  /** Packages fetched at once. */
  readonly concurrency: number;
}

export const DEFAULT_ENVIRONMENT_LIMITS: EnvironmentLimits = { maxPackages: 400, maxBytes: 160 * 1024 * 1024, concurrency: 8 };

const DECLARATION = /\.d\.[cm]?ts$/;
const TSCONFIG = /(?:^|\/)tsconfig[^/]*\.json$/;
export const MISSING_MODULES_FILE = "node_modules/.patchsmith/missing-modules.d.ts";

/**
 * Acquire the declarations the wanted packages reach: versions from the
 * lockfile (else package.json ranges, else the range a dependent package
 * declares), each package's declarations from the fetcher, then what those
 * declarations import and what its tsconfig files extend, transitively; a
 * package without declarations brings its @types package when the repository
 * has one. Names the repository declares nowhere are left alone (its own tsc
 * would not find them either). What could not be had becomes an `any` module.
 */
export async function acquireEnvironment(params: {
  readonly request: EnvironmentRequest;
  readonly fetcher: PackageFetcher;
  readonly limits?: EnvironmentLimits;
  readonly signal?: AbortSignal;
  readonly now?: () => number;
}): Promise<AcquiredEnvironment> {
  const now = params.now ?? (() => performance.now());
  const started = now();
  const limits = params.limits ?? DEFAULT_ENVIRONMENT_LIMITS;
  const { request } = params;
  const lock = readLockedVersions({ files: request.manifests, packageJson: request.manifests.get("package.json") });
  const locked = lock.locked?.versions ?? new Map<string, string>();
  const declared = readDeclaredRanges(request.manifests.get("package.json"));
  const workspace = new Set(request.workspacePackages ?? []);
  const linked = new Set(request.linkedPackages ?? []);
  const transitive = new Map<string, string>();
  // With a lockfile, what it does not list is not installed, and the repository's own tsc does not see it either.
  const rangeOf = (name: string): string | undefined => (lock.locked ? locked.get(name) : (declared.get(name) ?? transitive.get(name)));

  const files = new Map<string, string>();
  const packages: { name: string; version: string }[] = [];
  const missing: MissingPackage[] = [];
  const seen = new Set<string>();
  let bytes = 0;
  let queue: string[] = [...request.wanted.flatMap((name) => (name.startsWith("@types/") ? [name] : [name, typesPackageOf(name)])), ...[...declared.keys()].filter((name) => name.startsWith("@types/"))];

  const notices: Notice[] = [...lock.notices];
  const accept = (pkg: PackageFiles): readonly string[] => {
    packages.push({ name: pkg.name, version: pkg.version });
    bytes += pkg.bytes;
    const read = readPackage(pkg);
    for (const [name, range] of read.dependencies) if (!transitive.has(name)) transitive.set(name, range);
    for (const [file, text] of read.files) files.set(file, text);
    for (const message of read.notices) notices.push({ message });
    return read.next;
  };

  while (queue.length > 0) {
    params.signal?.throwIfAborted();
    const batch: { name: string; range: string }[] = [];
    for (const name of queue) {
      if (seen.has(name) || workspace.has(name) || linked.has(name)) continue;
      seen.add(name);
      const range = rangeOf(name);
      // Not declared anywhere: the repository's own tsc would not find it either.
      if (range === undefined) continue;
      if (packages.length + batch.length >= limits.maxPackages || bytes >= limits.maxBytes) {
        missing.push({ name, reason: packages.length + batch.length >= limits.maxPackages ? `over the limit of ${limits.maxPackages} packages per review` : `over the limit of ${limits.maxBytes} bytes of declarations per review` });
        continue;
      }
      batch.push({ name, range });
    }
    queue = [];
    const results = await mapLimit(batch, limits.concurrency, async ({ name, range }) => {
      try {
        return { name, pkg: await params.fetcher.fetch(name, range, params.signal) };
      } catch (error) {
        params.signal?.throwIfAborted();
        return { name, error: error instanceof Error ? error.message : String(error) };
      }
    });
    for (const result of results) {
      if ("pkg" in result) queue.push(...accept(result.pkg));
      else missing.push({ name: result.name, reason: result.error });
    }
  }

  const unavailable = [...missing.map((m) => m.name), ...workspace];
  if (unavailable.length > 0) files.set(MISSING_MODULES_FILE, anyModules(unavailable));
  if (missing.length > 0) notices.push({ message: describeMissing(missing) });
  return {
    files,
    packages,
    missing,
    versionsFrom: lock.locked?.source ?? "package.json ranges",
    notices,
    stats: { packages: packages.length, bytes, ms: Math.round(now() - started) },
  };
}

const ENTRY_FIELDS = ["types", "typings", "main", "module", "tsconfig"] as const;

/**
 * A package.json whose entry fields point outside the package (`"types": "../../x.d.ts"`)
 * loses those fields, with a notice: a package's declarations are its own files only.
 */
function keepInside(name: string, text: string, notice: (message: string) => void): string {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return text;
  }
  if (typeof manifest !== "object" || manifest === null || Array.isArray(manifest)) return text;
  const record = manifest as Record<string, unknown>;
  const escaping = ENTRY_FIELDS.filter((field) => {
    const value = record[field];
    return typeof value === "string" && (value.startsWith("/") || value.split(/[\\/]/).includes(".."));
  });
  if (escaping.length === 0) return text;
  for (const field of escaping) Reflect.deleteProperty(record, field);
  notice(`${name}'s package.json points ${escaping.map((f) => `\`${f}\``).join(", ")} outside the package; ${escaping.length === 1 ? "that field was" : "those fields were"} ignored.`);
  return JSON.stringify(record);
}

interface ReadPackage {
  /** "node_modules/<name>/<file>" → text, entry fields that leave the package removed. */
  readonly files: ReadonlyMap<string, string>;
  /** Packages its declarations import or reference and its tsconfig files extend (with their @types counterparts). */
  readonly next: readonly string[];
  readonly dependencies: ReadonlyMap<string, string>;
  readonly notices: readonly string[];
}

/** Read once per package object: a process's package cache hands out the same object, so a warm review scans nothing again. */
const readPackages = new WeakMap<PackageFiles, ReadPackage>();

function readPackage(pkg: PackageFiles): ReadPackage {
  const known = readPackages.get(pkg);
  if (known) return known;
  const files = new Map<string, string>();
  const next: string[] = [];
  const notices: string[] = [];
  let hasDeclarations = false;
  const manifest = pkg.files.get("package.json");
  for (const [file, original] of pkg.files) {
    const text = file === "package.json" ? keepInside(pkg.name, original, (message) => notices.push(message)) : original;
    files.set(`node_modules/${pkg.name}/${file}`, text);
    if (DECLARATION.test(file)) {
      hasDeclarations = true;
      const info = ts.preProcessFile(text, true, true);
      for (const ref of [...info.importedFiles, ...info.typeReferenceDirectives]) {
        const name = packageNameOf(ref.fileName);
        // TypeScript looks for a package's @types counterpart too (`express-serve-static-core`).
        if (name !== undefined) next.push(name, typesPackageOf(name));
      }
    } else if (TSCONFIG.test(file) || file === tsconfigEntry(manifest)) {
      const extended = (ts.parseConfigFileTextToJson(file, text).config as { extends?: unknown } | undefined)?.extends;
      for (const target of Array.isArray(extended) ? extended : [extended]) {
        const name = typeof target === "string" ? packageNameOf(target) : undefined;
        if (name !== undefined) next.push(name);
      }
    }
  }
  if (!hasDeclarations && !pkg.name.startsWith("@types/")) next.push(typesPackageOf(pkg.name));
  const read = { files, next: [...new Set(next)], dependencies: installedDependencies(manifest), notices };
  readPackages.set(pkg, read);
  return read;
}

/** What installing a package brings along: its dependencies and its required peers (npm 7+ installs those), not optional peers. */
function installedDependencies(manifest: string | undefined): Map<string, string> {
  const result = new Map<string, string>();
  if (manifest === undefined) return result;
  try {
    const parsed = JSON.parse(manifest) as { dependencies?: unknown; peerDependencies?: unknown; peerDependenciesMeta?: unknown };
    const optional = (name: string): boolean => {
      const meta: unknown = parsed.peerDependenciesMeta;
      if (typeof meta !== "object" || meta === null) return false;
      const entry: unknown = (meta as Record<string, unknown>)[name];
      return typeof entry === "object" && entry !== null && (entry as { optional?: unknown }).optional === true;
    };
    for (const [field, skip] of [["dependencies", () => false], ["peerDependencies", optional]] as const) {
      const declared = parsed[field];
      if (typeof declared !== "object" || declared === null) continue;
      for (const [name, range] of Object.entries(declared as Record<string, unknown>)) if (typeof range === "string" && !skip(name) && !result.has(name)) result.set(name, range);
    }
  } catch {
    // A package.json that is not JSON declares nothing.
  }
  return result;
}

function tsconfigEntry(manifest: string | undefined): string | undefined {
  if (manifest === undefined) return undefined;
  try {
    const parsed = JSON.parse(manifest) as { tsconfig?: unknown; main?: unknown };
    for (const entry of [parsed.tsconfig, parsed.main]) if (typeof entry === "string" && entry.endsWith(".json")) return entry.replace(/^\.\//, "");
  } catch {
    // A package.json that is not JSON names no entry.
  }
  return undefined;
}

/** Shorthand ambient modules: every import of these packages is `any`, so nothing that depends on them is reported. */
function anyModules(names: readonly string[]): string {
  return [...new Set(names)]
    .sort()
    .map((name) => `declare module ${JSON.stringify(name)};\ndeclare module ${JSON.stringify(`${name}/*`)};`)
    .join("\n");
}

function describeMissing(missing: readonly MissingPackage[]): string {
  const shown = missing.slice(0, 5).map((m) => `${m.name} (${m.reason.replace(/^\S+@\S*: /, "").replace(/`/g, "'")})`);
  const more = missing.length > 5 ? ` and ${missing.length - 5} more` : "";
  return `Type information was missing for ${missing.length} ${missing.length === 1 ? "package" : "packages"}: ${shown.join(", ")}${more}; imports of ${missing.length === 1 ? "it" : "them"} were treated as \`any\`, so nothing that depends on ${missing.length === 1 ? "it" : "them"} was reported. Set PATCHSMITH_REGISTRY / PATCHSMITH_REGISTRY_TOKEN to provide ${missing.length === 1 ? "it" : "them"}.`;
}
