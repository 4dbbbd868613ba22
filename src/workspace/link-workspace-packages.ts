import path from "node:path/posix";
import picomatch from "picomatch";
import { parse as parseYaml } from "yaml";
import { packageNameOf } from "../environment/package-name-of.js";
import { resolveRelativeImport } from "./resolve-relative-import.js";

/** A package of the repository's own workspaces, linked as its package manager links it: node_modules/<name> → its folder. */
export interface WorkspaceLink {
  readonly name: string;
  /** Repository folder of the package. */
  readonly folder: string;
  /** The package.json TypeScript reads for it: its entry fields, those naming unbuilt output mapped to the sources. */
  readonly manifest: string;
  /** Entry targets that name build output the snapshot does not have, mapped to their sources (target → source). */
  readonly mapped: ReadonlyMap<string, string>;
}

export interface WorkspaceLinks {
  /** Package name → link, for the packages whose entry is in the repository. */
  readonly links: ReadonlyMap<string, WorkspaceLink>;
  /** Workspace packages that could not be linked, with the reason: their imports stay unknown. */
  readonly unlinked: readonly { readonly name: string; readonly reason: string }[];
  /** The repository file a bare specifier of a linked package reaches (its entry, or a subpath), or undefined. */
  resolve(specifier: string): string | undefined;
}

const NO_LINKS: WorkspaceLinks = { links: new Map(), unlinked: [], resolve: () => undefined };
const OUTPUT = /\.(?:d\.[cm]?ts|[cm]?js)$/;
const CONDITIONS = ["types", "import", "node", "require", "default"];

/**
 * The repository's workspace packages (package.json `workspaces`, as npm,
 * yarn and bun read it, or pnpm-workspace.yaml `packages`), each linked from
 * the snapshot itself, never fetched: its package.json's `exports`, `types`,
 * `main` (or `index`) must reach a file of the repository; an entry that names
 * build output the snapshot lacks (`"types": "out/index.d.ts"`) is mapped to
 * the source TypeScript would build it from (the package's `outDir` → `rootDir`,
 * else `src/`, else the folder itself), as a project reference does. A package
 * whose entry reaches nothing is not linked, with the reason. Reads data only.
 */
export function linkWorkspacePackages(params: { readonly files: ReadonlyMap<string, string>; readonly knownPaths: ReadonlySet<string> }): WorkspaceLinks {
  const globs = workspaceGlobs(params.files);
  if (globs.length === 0) return NO_LINKS;
  const include = picomatch(globs.filter((g) => !g.startsWith("!")).map(clean));
  const excluded = globs.filter((g) => g.startsWith("!")).map((g) => clean(g.slice(1)));
  const exclude = excluded.length > 0 ? picomatch(excluded) : () => false;
  const links = new Map<string, WorkspaceLink>();
  const unlinked: { name: string; reason: string }[] = [];
  for (const [file, text] of params.files) {
    if (!file.endsWith("/package.json") || file.split("/").includes("node_modules")) continue;
    const folder = path.dirname(file);
    if (!include(folder) || exclude(folder)) continue;
    const manifest = parseObject(text);
    const name = manifest?.["name"];
    if (manifest === undefined || typeof name !== "string" || packageNameOf(name) !== name || links.has(name)) continue;
    const link = linkOne(name, folder, manifest, params.files, params.knownPaths);
    if ("reason" in link) unlinked.push({ name, reason: link.reason });
    else links.set(name, link);
  }
  return {
    links,
    unlinked,
    resolve(specifier) {
      const name = packageNameOf(specifier);
      const link = name === undefined ? undefined : links.get(name);
      if (!link || name === undefined) return undefined;
      const subpath = specifier.slice(name.length);
      const manifest = parseObject(link.manifest) ?? {};
      const targets = subpath === "" ? [...entryTargets(manifest), "."] : [exportTarget(manifest["exports"], `.${subpath}`) ?? `.${subpath}`];
      return targets.map((target) => resolveIn(link.folder, target, params.knownPaths)).find((file) => file !== undefined);
    },
  };
}

function linkOne(name: string, folder: string, manifest: Record<string, unknown>, files: ReadonlyMap<string, string>, knownPaths: ReadonlySet<string>): WorkspaceLink | { reason: string } {
  const mapped = new Map<string, string>();
  const sourceOf = sourceMapper(folder, files, knownPaths);
  const fix = (target: string): string => {
    if (resolveIn(folder, target, knownPaths) !== undefined) return target;
    const source = sourceOf(target);
    if (source === undefined) return target;
    mapped.set(target, source);
    return source;
  };
  const served: Record<string, unknown> = { ...manifest };
  for (const field of ["types", "typings", "main", "module"]) {
    const value = served[field];
    if (typeof value === "string") served[field] = fix(value);
  }
  if (served["exports"] !== undefined) served["exports"] = mapExports(served["exports"], fix);
  Reflect.deleteProperty(served, "typesVersions");
  const entries = entryTargets(served);
  const entry = entries.map((target) => resolveIn(folder, target, knownPaths)).find((file) => file !== undefined) ?? resolveIn(folder, ".", knownPaths);
  if (entry === undefined) {
    const named = entries[0] === undefined ? "no entry and no index file" : `\`${entries[0]}\` is not in the repository and no source file maps to it`;
    return { reason: `${name} in ${folder}: ${named}` };
  }
  return { name, folder, manifest: JSON.stringify(served), mapped };
}

/** Build output → the source file it is built from, or undefined. */
function sourceMapper(folder: string, files: ReadonlyMap<string, string>, knownPaths: ReadonlySet<string>): (target: string) => string | undefined {
  const options = (parseObject(files.get(`${folder}/tsconfig.json`) ?? "")?.["compilerOptions"] ?? {}) as Record<string, unknown>;
  const outDir = typeof options["outDir"] === "string" ? path.normalize(options["outDir"]).replace(/\/$/, "") : undefined;
  const rootDir = typeof options["rootDir"] === "string" ? path.normalize(options["rootDir"]).replace(/\/$/, "") : undefined;
  return (target) => {
    const normalised = path.normalize(target).replace(/^\.\//, "");
    if (!OUTPUT.test(normalised) || normalised.startsWith("../")) return undefined;
    const stem = normalised.replace(OUTPUT, "");
    const rest = outDir !== undefined && outDir !== "." && stem.startsWith(`${outDir}/`) ? stem.slice(outDir.length + 1) : stem.split("/").slice(1).join("/");
    if (rest === "") return undefined;
    const candidates = [rootDir === undefined ? undefined : path.join(rootDir, rest), path.join("src", rest), rest].filter((c): c is string => c !== undefined);
    for (const candidate of candidates) {
      const found = resolveIn(folder, `./${candidate}`, knownPaths);
      if (found !== undefined && /\.[cm]?tsx?$/.test(found) && !/\.d\.[cm]?ts$/.test(found)) return `./${path.relative(folder, found)}`;
    }
    return undefined;
  };
}

function mapExports(value: unknown, fix: (target: string) => string): unknown {
  if (typeof value === "string") return fix(value);
  if (Array.isArray(value)) return value.map((v) => mapExports(v, fix));
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapExports(v, fix)]));
  return value;
}

/** The targets a package's root entry may be, in the order TypeScript prefers them. */
function entryTargets(manifest: Record<string, unknown>): string[] {
  const fromExports = exportTarget(manifest["exports"], ".");
  return [fromExports, manifest["types"], manifest["typings"], manifest["main"]].filter((t): t is string => typeof t === "string");
}

/** The target `exports` gives a subpath ("." or "./x"), taking the first condition TypeScript would. */
function exportTarget(exports: unknown, subpath: string): string | undefined {
  if (exports === undefined || exports === null) return undefined;
  if (typeof exports === "string") return subpath === "." ? exports : undefined;
  if (Array.isArray(exports)) return exports.map((e) => exportTarget(e, subpath)).find((t) => t !== undefined);
  if (typeof exports !== "object") return undefined;
  const record = exports as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.some((k) => k.startsWith("."))) {
    const entry = record[subpath];
    return entry === undefined ? undefined : condition(entry);
  }
  return subpath === "." ? condition(record) : undefined;
}

function condition(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(condition).find((t) => t !== undefined);
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  for (const key of CONDITIONS) if (key in record) {
    const found = condition(record[key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

function resolveIn(folder: string, target: string, knownPaths: ReadonlySet<string>): string | undefined {
  const relative = target.startsWith(".") ? target : `./${target}`;
  const resolved = resolveRelativeImport(`${folder}/package.json`, relative, knownPaths);
  return resolved !== undefined && (resolved === folder || resolved.startsWith(`${folder}/`)) ? resolved : undefined;
}

/** Workspace globs of the root package.json (`workspaces`, array or `{ packages }`) and pnpm-workspace.yaml (`packages`). */
function workspaceGlobs(files: ReadonlyMap<string, string>): string[] {
  const globs: string[] = [];
  const root = parseObject(files.get("package.json") ?? "");
  const workspaces = root?.["workspaces"];
  const list = Array.isArray(workspaces) ? workspaces : typeof workspaces === "object" && workspaces !== null ? (workspaces as { packages?: unknown }).packages : undefined;
  if (Array.isArray(list)) for (const glob of list) if (typeof glob === "string") globs.push(glob);
  const pnpm = files.get("pnpm-workspace.yaml");
  if (pnpm !== undefined) {
    try {
      const packages = (parseYaml(pnpm, { maxAliasCount: 10 }) as { packages?: unknown } | null)?.packages;
      if (Array.isArray(packages)) for (const glob of packages) if (typeof glob === "string") globs.push(glob);
    } catch {
      // A pnpm-workspace.yaml that is not YAML names no packages.
    }
  }
  return globs.filter((glob) => !glob.startsWith("/") && !glob.split("/").includes(".."));
}

function clean(glob: string): string {
  return glob.replace(/^\.\//, "").replace(/\/+$/, "");
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
