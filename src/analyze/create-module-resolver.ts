import path from "node:path/posix";
import ts from "typescript";
import { resolveRelativeImport } from "../workspace/resolve-relative-import.js";
import { fromVirtual, toVirtual } from "../workspace/virtual-root.js";

/** The repository file an import specifier names, or undefined (a package, or nothing). */
export type ModuleResolver = (fromPath: string, specifier: string) => string | undefined;

/**
 * Resolve import specifiers to repository paths without touching the disk:
 * relative specifiers with the candidates TypeScript tries (`.js` → `.ts`,
 * index files), others with TypeScript's own resolution over the known paths,
 * which honours tsconfig `paths`/`baseUrl` aliases and package.json `imports`.
 * Packages (node_modules) never resolve: they are not part of the repository.
 */
export function createModuleResolver(params: {
  readonly knownPaths: ReadonlySet<string>;
  readonly compilerOptions: ts.CompilerOptions;
  /** Text of a repository file, for package.json lookups; undefined when not loaded. */
  readonly readFile?: (path: string) => string | undefined;
}): ModuleResolver {
  const { knownPaths } = params;
  const directories = new Set<string>();
  for (const known of knownPaths) {
    for (let dir = path.dirname(known); dir !== "." && !directories.has(dir); dir = path.dirname(dir)) directories.add(dir);
  }
  const host: ts.ModuleResolutionHost = {
    fileExists: (file) => {
      const relative = fromVirtual(file);
      return relative !== undefined && knownPaths.has(relative);
    },
    readFile: (file) => {
      const relative = fromVirtual(file);
      return relative === undefined ? undefined : params.readFile?.(relative);
    },
    directoryExists: (dir) => {
      const relative = fromVirtual(dir);
      return relative !== undefined && directories.has(relative);
    },
    realpath: (file) => file,
    getCurrentDirectory: () => toVirtual(""),
  };
  const cache = new Map<string, string | undefined>();
  return (fromPath, specifier) => {
    if (specifier.startsWith(".")) return resolveRelativeImport(fromPath, specifier, knownPaths);
    if (specifier.startsWith("node:") || specifier.startsWith("/")) return undefined;
    const key = `${path.dirname(fromPath)}\0${specifier}`;
    if (cache.has(key)) return cache.get(key);
    let resolved: string | undefined;
    try {
      const result = ts.resolveModuleName(specifier, toVirtual(fromPath), params.compilerOptions, host);
      const file = result.resolvedModule?.resolvedFileName;
      resolved = file === undefined ? undefined : fromVirtual(file);
      if (resolved !== undefined && !knownPaths.has(resolved)) resolved = undefined;
    } catch {
      resolved = undefined;
    }
    cache.set(key, resolved);
    return resolved;
  };
}
