import { parseSyml } from "@yarnpkg/parsers";
import { firstLine, isPackageName, isPlainVersion, isRecord, keepHighest } from "./shared.js";

/** One resolution of a yarn.lock: the package `name`, a `range` that resolved to it, the locked `version`. */
export interface YarnLockEntry {
  readonly name: string;
  /** The range as package.json writes it: berry's `npm:` prefix removed (`^4.17.0`). */
  readonly range: string;
  readonly version: string;
}

/** A protocol prefix such as `workspace:`, `patch:`, `link:`, `portal:`, `file:`, `git+ssh:`, `https:`. */
const PROTOCOL = /^[a-z][a-z0-9+.-]*:/i;

/** Name and npm range of one descriptor (`lodash@^4.0.0`, `"@types/node@npm:^20.0.0"`), or undefined when it is not an npm range. */
function parseDescriptor(descriptor: string): { name: string; range: string } | undefined {
  const text = descriptor.trim().replace(/^"(.*)"$/, "$1");
  const at = text.indexOf("@", 1);
  if (at <= 0) return undefined;
  const name = text.slice(0, at);
  let range = text.slice(at + 1);
  if (range.startsWith("npm:")) range = range.slice("npm:".length);
  // Other protocols, GitHub shorthands (`user/repo`) and aliases (`npm:real@^1.0.0`) are not this name's registry package.
  if (PROTOCOL.test(range) || range.includes("/") || range.includes("@")) return undefined;
  return isPackageName(name) ? { name, range } : undefined;
}

/**
 * Every npm resolution recorded in a `yarn.lock`, classic (v1) or berry (v2+),
 * one entry per descriptor of each comma-separated key. `__metadata` and
 * descriptors using other protocols (`workspace:`, `patch:`, `link:`,
 * `portal:`, `file:`, git, URLs) or aliases are skipped, as are resolutions
 * whose version is not a plain semver version.
 *
 * Throws an Error with a short reason when the text is not a yarn.lock.
 */
export function parseYarnLockEntries(text: string): YarnLockEntry[] {
  let root: unknown;
  try {
    root = parseSyml(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new Error(`not a valid yarn.lock (${firstLine(error)})`, { cause: error });
  }
  if (!isRecord(root)) throw new Error("the root value is not a mapping");
  const entries: YarnLockEntry[] = [];
  for (const [key, value] of Object.entries(root)) {
    if (key === "__metadata") continue;
    if (!isRecord(value)) throw new Error(`entry "${key}" is not a mapping`);
    const version = value.version;
    if (typeof version !== "string" || !isPlainVersion(version)) continue;
    for (const descriptor of key.split(",")) {
      const parsed = parseDescriptor(descriptor);
      if (parsed) entries.push({ name: parsed.name, range: parsed.range, version });
    }
  }
  return entries;
}

/**
 * The versions recorded in a `yarn.lock` (classic or berry), the highest one
 * when a name resolved to several. Throws like {@link parseYarnLockEntries}.
 */
export function parseYarnLock(text: string): Map<string, string> {
  const versions = new Map<string, string>();
  for (const entry of parseYarnLockEntries(text)) keepHighest(versions, entry.name, entry.version);
  return versions;
}
