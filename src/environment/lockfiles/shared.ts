/**
 * Small helpers shared by the lockfile parsers: shape checks and version
 * comparison. Pure functions over data; nothing here reads or runs anything.
 */

/** A plain semver version: `1.2.3`, `1.2.3-beta.1`, `1.2.3+build.5` (no ranges, tags, URLs or protocols). */
const PLAIN_VERSION = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** An npm package name as it appears in node_modules: `name` or `@scope/name`. */
const PACKAGE_NAME = /^(?:@[^/@\s]+\/)?[^/@\s][^/\s]*$/;

/** True for a non-null, non-array object (a JSON object or YAML mapping). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True when `version` is an exact semver version rather than a range, tag, URL, path or protocol. */
export function isPlainVersion(version: string): boolean {
  return PLAIN_VERSION.test(version);
}

/** True when `name` looks like an npm package name (`name` or `@scope/name`, one path segment after the scope). */
export function isPackageName(name: string): boolean {
  return PACKAGE_NAME.test(name);
}

/** The first line of an error's message, for notices (parsers' messages often carry a multi-line excerpt). */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split("\n")[0] ?? "").trim();
}

/** Compare two strings of decimal digits as numbers, whatever their size. */
function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, "");
  const y = b.replace(/^0+(?=\d)/, "");
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Semver precedence of two prerelease tags (`undefined` = a release, which ranks above any prerelease). */
function comparePrerelease(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  const left = a.split(".");
  const right = b.split(".");
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i] ?? "";
    const y = right[i] ?? "";
    if (x === y) continue;
    const xNumeric = /^\d+$/.test(x);
    const yNumeric = /^\d+$/.test(y);
    if (xNumeric && yNumeric) return compareDigits(x, y);
    if (xNumeric) return -1;
    if (yNumeric) return 1;
    return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

/**
 * Semver precedence of two plain versions (see {@link isPlainVersion}):
 * negative when `a` is lower, positive when higher, 0 when equal (build
 * metadata ignored). A version that is not plain ranks below every plain one.
 */
export function compareVersions(a: string, b: string): number {
  const x = PLAIN_VERSION.exec(a);
  const y = PLAIN_VERSION.exec(b);
  if (!x || !y) return (x ? 1 : 0) - (y ? 1 : 0);
  for (let i = 1; i <= 3; i++) {
    const order = compareDigits(x[i] ?? "0", y[i] ?? "0");
    if (order !== 0) return order;
  }
  return comparePrerelease(x[4], y[4]);
}

/** Record `version` for `name` unless a higher version is already recorded. */
export function keepHighest(versions: Map<string, string>, name: string, version: string): void {
  const current = versions.get(name);
  if (current === undefined || compareVersions(version, current) > 0) versions.set(name, version);
}
