import { parseDocument } from "yaml";
import { firstLine, isPackageName, isPlainVersion, isRecord, keepHighest } from "./shared.js";

const DEPENDENCY_FIELDS = ["dependencies", "devDependencies", "optionalDependencies"] as const;

/** `/name@1.2.3(peer@1.0.0)` (v6) or `name@1.2.3` (v9), scoped names included. */
const AT_KEY = /^\/?((?:@[^/@]+\/)?[^/@]+)@([^(]+)/;
/** `/name/1.2.3_peer@1.0.0` (v5), scoped names included. */
const SLASH_KEY = /^\/((?:@[^/@]+\/)?[^/@]+)\/([^/_(]+)/;

/** The version without pnpm's peer suffix: `1.2.3(react@18.0.0)` (v6+) or `1.2.3_react@18.0.0` (v5). */
function stripPeerSuffix(version: string): string {
  return version.split(/[(_]/, 1)[0] ?? "";
}

/** Name and version of a `packages` key, or undefined for keys that are not registry packages. */
function parsePackageKey(key: string): { name: string; version: string } | undefined {
  const match = AT_KEY.exec(key) ?? SLASH_KEY.exec(key);
  if (!match) return undefined;
  const name = match[1] ?? "";
  const version = stripPeerSuffix(match[2] ?? "");
  return isPackageName(name) && isPlainVersion(version) ? { name, version } : undefined;
}

/** Direct dependencies of one importer: `name: version` (v5) or `name: { specifier, version }` (v6, v9). */
function readDirect(field: unknown, versions: Map<string, string>): void {
  if (!isRecord(field)) return;
  for (const [name, spec] of Object.entries(field)) {
    const raw = typeof spec === "string" ? spec : isRecord(spec) ? spec.version : undefined;
    if (typeof raw !== "string" || versions.has(name)) continue;
    // `link:`, `file:`, git and alias (`/real/1.0.0`, `real@1.0.0`) versions are not plain and are skipped.
    const version = stripPeerSuffix(raw);
    if (isPackageName(name) && isPlainVersion(version)) versions.set(name, version);
  }
}

/**
 * The versions recorded in a `pnpm-lock.yaml` (lockfileVersion 5.x, 6 or 9).
 * The project's direct dependencies come first, from `importers["."]` (or the
 * top-level `dependencies`/`devDependencies`/`optionalDependencies` of
 * lockfiles without importers), peer suffixes stripped; every other package
 * named by a `packages` key is added at the highest version recorded for it.
 *
 * Throws an Error with a short reason when the text is not YAML or not shaped
 * like a pnpm lockfile.
 */
export function parsePnpmLock(text: string): Map<string, string> {
  // uniqueKeys: false keeps parsing linear (the duplicate-key check compares each key with every earlier one).
  const document = parseDocument(text, { uniqueKeys: false });
  const error = document.errors[0];
  if (error) throw new Error(`not valid YAML (${firstLine(error)})`);
  const root: unknown = document.toJS({ maxAliasCount: 100 });
  if (!isRecord(root)) throw new Error("the root value is not a mapping");
  const lockfileVersion = root.lockfileVersion;
  if (typeof lockfileVersion !== "string" && typeof lockfileVersion !== "number") throw new Error("it has no lockfileVersion");

  const versions = new Map<string, string>();
  const importers = root.importers;
  const project = isRecord(importers) ? importers["."] : root;
  if (isRecord(project)) for (const field of DEPENDENCY_FIELDS) readDirect(project[field], versions);

  const packages = root.packages ?? {};
  if (!isRecord(packages)) throw new Error('"packages" is not a mapping');
  const others = new Map<string, string>();
  for (const key of Object.keys(packages)) {
    const parsed = parsePackageKey(key);
    if (parsed) keepHighest(others, parsed.name, parsed.version);
  }
  for (const [name, version] of others) if (!versions.has(name)) versions.set(name, version);
  return versions;
}
