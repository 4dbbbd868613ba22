import { firstLine, isPackageName, isPlainVersion, isRecord } from "./shared.js";

const NODE_MODULES = "node_modules/";

/** Only registry tarballs (or no `resolved` at all) stand for the registry package at `version`. */
function isRegistryResolved(resolved: unknown): boolean {
  return resolved === undefined || (typeof resolved === "string" && /^https?:\/\//i.test(resolved));
}

/** lockfileVersion 2 and 3: `packages["node_modules/<name>"]`, top level only. */
function fromPackages(packages: Record<string, unknown>): Map<string, string> {
  const versions = new Map<string, string>();
  for (const [path, entry] of Object.entries(packages)) {
    if (!path.startsWith(NODE_MODULES)) continue; // "" (the project) and workspace folders
    const name = path.slice(NODE_MODULES.length);
    if (!isPackageName(name)) continue; // nested: node_modules/a/node_modules/b
    if (!isRecord(entry)) throw new Error(`packages["${path}"] is not an object`);
    if (entry.link === true) continue;
    // An alias (`"x": "npm:y@1"`) records the real name; its types are not `x`'s at that version.
    if (entry.name !== undefined && entry.name !== name) continue;
    if (!isRegistryResolved(entry.resolved)) continue; // git, file: tarballs
    const version = entry.version;
    if (typeof version === "string" && isPlainVersion(version)) versions.set(name, version);
  }
  return versions;
}

/** lockfileVersion 1: the `dependencies` tree, top-level entries only. */
function fromDependencies(dependencies: Record<string, unknown>): Map<string, string> {
  const versions = new Map<string, string>();
  for (const [name, entry] of Object.entries(dependencies)) {
    if (!isRecord(entry)) throw new Error(`dependencies["${name}"] is not an object`);
    const version = entry.version;
    // Plain versions only: `file:`, git URLs, tarball URLs and aliases (`npm:real@1.2.3`) are skipped.
    if (typeof version === "string" && isPlainVersion(version) && isRegistryResolved(entry.resolved)) {
      versions.set(name, version);
    }
  }
  return versions;
}

/**
 * The hoisted (top-level `node_modules`) versions recorded in an npm
 * `package-lock.json` or `npm-shrinkwrap.json`, lockfileVersion 1, 2 or 3.
 *
 * - v2/v3: `packages["node_modules/<name>"]` entries with exactly one
 *   `node_modules/` segment; `link: true` entries (workspaces, `file:` folders),
 *   git and `file:` tarball dependencies and aliases are skipped.
 * - v1: the `version` of each top-level `dependencies` entry when it is a plain
 *   semver version; `file:`, git, URL and alias (`npm:real@1.2.3`) versions
 *   are skipped: an alias's types are the real package's, which the alias name
 *   does not locate in the registry.
 *
 * Throws an Error with a short reason when the text is not JSON or not shaped
 * like a package-lock.
 */
export function parsePackageLock(text: string): Map<string, string> {
  let root: unknown;
  try {
    root = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new Error(`not valid JSON (${firstLine(error)})`, { cause: error });
  }
  if (!isRecord(root)) throw new Error("the root value is not a JSON object");
  if (typeof root.lockfileVersion !== "number") throw new Error("it has no numeric lockfileVersion");
  const { packages, dependencies } = root;
  if (packages !== undefined) {
    if (!isRecord(packages)) throw new Error('"packages" is not an object');
    return fromPackages(packages);
  }
  if (dependencies === undefined) return new Map();
  if (!isRecord(dependencies)) throw new Error('"dependencies" is not an object');
  return fromDependencies(dependencies);
}
