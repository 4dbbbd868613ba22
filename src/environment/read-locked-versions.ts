import type { Notice } from "../types.js";
import { parseBunLock } from "./lockfiles/parse-bun-lock.js";
import { parsePackageLock } from "./lockfiles/parse-package-lock.js";
import { parsePnpmLock } from "./lockfiles/parse-pnpm-lock.js";
import { parseYarnLockEntries } from "./lockfiles/parse-yarn-lock.js";
import { firstLine, isRecord, keepHighest } from "./lockfiles/shared.js";

export interface LockedVersions {
  /** Repository path of the lockfile that was read, e.g. "package-lock.json". */
  readonly source: string;
  /** Package name → the version installed at the top level (the hoisted one tsc would resolve from the project root). */
  readonly versions: ReadonlyMap<string, string>;
}

export interface LockedVersionsResult {
  /** Absent when the folder has no lockfile, or its lockfile could not be read (then a notice says so). */
  readonly locked?: LockedVersions;
  readonly notices: readonly Notice[];
}

/** package.json fields with version ranges, the winning one first. */
const RANGE_FIELDS = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"] as const;

/**
 * The version ranges a package.json declares, name → range, merged from
 * `dependencies`, `devDependencies`, `peerDependencies` and
 * `optionalDependencies` (a name in several takes its range from the first of
 * these). Non-string ranges are ignored; text that is absent or not a JSON
 * object gives an empty map.
 */
export function readDeclaredRanges(packageJsonText: string | undefined): Map<string, string> {
  const ranges = new Map<string, string>();
  if (packageJsonText === undefined) return ranges;
  let root: unknown;
  try {
    root = JSON.parse(packageJsonText.replace(/^\uFEFF/, ""));
  } catch {
    return ranges;
  }
  if (!isRecord(root)) return ranges;
  for (const field of RANGE_FIELDS) {
    const declared = root[field];
    if (!isRecord(declared)) continue;
    for (const [name, range] of Object.entries(declared)) {
      if (typeof range === "string" && !ranges.has(name)) ranges.set(name, range);
    }
  }
  return ranges;
}

/** yarn.lock: for a name locked at several versions, the one its package.json range resolved to, else the highest. */
function yarnVersions(text: string, declared: ReadonlyMap<string, string>): Map<string, string> {
  const entries = parseYarnLockEntries(text);
  const versions = new Map<string, string>();
  for (const entry of entries) keepHighest(versions, entry.name, entry.version);
  for (const entry of entries) {
    const range = declared.get(entry.name)?.trim().replace(/^npm:(?!.*@)/, "");
    if (range === entry.range) versions.set(entry.name, entry.version);
  }
  return versions;
}

/** Lockfile names in order of preference, each with its reader. */
const LOCKFILES: readonly {
  readonly name: string;
  readonly read: (text: string, declared: ReadonlyMap<string, string>) => Map<string, string>;
}[] = [
  { name: "npm-shrinkwrap.json", read: parsePackageLock },
  { name: "package-lock.json", read: parsePackageLock },
  { name: "pnpm-lock.yaml", read: parsePnpmLock },
  { name: "yarn.lock", read: yarnVersions },
  { name: "bun.lock", read: parseBunLock },
];

/** `dir` as a repository path prefix: "" for the root, else "a/b/". */
function prefixOf(dir: string | undefined): string {
  const folder = (dir ?? "").replace(/^(?:\.\/)+/, "").replace(/\/+$/, "");
  return folder === "" || folder === "." ? "" : `${folder}/`;
}

/**
 * The locked versions of npm packages for the project in `dir`, read **as
 * data** from the first lockfile found there, in this order of preference:
 * npm-shrinkwrap.json, package-lock.json, pnpm-lock.yaml, yarn.lock, bun.lock.
 * `packageJson` (that folder's package.json text) picks, for a yarn.lock name
 * locked at several versions, the one its declared range resolved to.
 *
 * No lockfile: no `locked` and no notice. A lockfile that cannot be read: no
 * `locked` and one notice naming it; callers then fall back to package.json ranges.
 */
export function readLockedVersions(params: {
  /** Repository-relative path → text, for the files present (only the lockfile names above are looked at). */
  readonly files: ReadonlyMap<string, string>;
  /** Folder of the project ("" = repository root); the lockfile is looked for there. */
  readonly dir?: string;
  /** package.json text of that folder, if any. */
  readonly packageJson?: string | undefined;
}): LockedVersionsResult {
  const prefix = prefixOf(params.dir);
  for (const lockfile of LOCKFILES) {
    const source = `${prefix}${lockfile.name}`;
    const text = params.files.get(source);
    if (text === undefined) continue;
    try {
      const versions = lockfile.read(text, readDeclaredRanges(params.packageJson));
      return { locked: { source, versions }, notices: [] };
    } catch (error) {
      return {
        notices: [
          {
            path: source,
            message: `${source} could not be read as a lockfile (${firstLine(error)}); type information for dependencies falls back to the version ranges in package.json.`,
          },
        ],
      };
    }
  }
  return { notices: [] };
}
