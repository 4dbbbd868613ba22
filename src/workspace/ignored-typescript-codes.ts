import { resolveRelativeImport } from "./resolve-relative-import.js";

/**
 * TypeScript errors that only say the repository's dependencies are not
 * installed (we never install them): missing packages, missing @types, JSX
 * runtime. They are not findings.
 */
const DEPENDENCY_NOISE = new Set([
  2688, // Cannot find type definition file for 'x'.
  2792, // Cannot find module 'x'. Did you mean to set the 'moduleResolution' option...
  7016, // Could not find a declaration file for module 'x'.
  2580, // Cannot find name 'process'. Do you need to install type definitions for node?
  2582, // Cannot find name 'describe'. Do you need to install type definitions for a test runner?
  2591, // as 2580, with tsconfig types hint
  2593, // as 2582, with tsconfig types hint
  2867, // Cannot find name 'Bun'.
  2868, // as 2867
  7026, // JSX element implicitly has type 'any' because no interface 'JSX.IntrinsicElements' exists.
  2875, // This JSX tag requires the module path 'react/jsx-runtime' to exist.
]);

const CANNOT_FIND_MODULE = 2307;

/**
 * True when a TypeScript diagnostic is noise from modules we do not load:
 * a bare package specifier (node_modules is never installed), or a relative
 * import of a file that exists in the repository but was not loaded.
 * A relative import of a file that does not exist anywhere is a real error.
 */
export function isDependencyNoise(params: {
  readonly code: number;
  readonly message: string;
  readonly path: string;
  readonly knownPaths: ReadonlySet<string>;
}): boolean {
  if (DEPENDENCY_NOISE.has(params.code)) return true;
  if (params.code !== CANNOT_FIND_MODULE) return false;
  const specifier = /'([^']+)'/.exec(params.message)?.[1];
  if (specifier === undefined) return true;
  if (!specifier.startsWith(".")) return true;
  return resolveRelativeImport(params.path, specifier, params.knownPaths) !== undefined;
}
