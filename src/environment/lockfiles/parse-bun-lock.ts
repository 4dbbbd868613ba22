import ts from "typescript";
import { isPackageName, isPlainVersion, isRecord } from "./shared.js";

/** TS5092: "The root value of a 'tsconfig.json' file must be an object." */
const ROOT_NOT_OBJECT = 5092;

/** JSON with trailing commas, parsed by TypeScript's lenient JSON parser (no code runs). */
function parseJsonc(text: string): unknown {
  const parsed = ts.parseConfigFileTextToJson("bun.lock", text.replace(/^\uFEFF/, ""));
  const config: unknown = parsed.config;
  const error = parsed.error;
  if (error?.code === ROOT_NOT_OBJECT) throw new Error("the root value is not a JSON object");
  if (error) throw new Error(`not valid JSON (${ts.flattenDiagnosticMessageText(error.messageText, " ")})`);
  return config;
}

/**
 * The hoisted versions recorded in a text `bun.lock`: `packages` entries whose
 * key is a bare package name (`react`, `@types/node`; nested keys such as
 * `parent/child` are not hoisted) and whose first element is `"name@version"`
 * with a plain semver version. Workspace, `file:`, `link:`, git and URL
 * versions and aliases (a key naming another package) are skipped.
 *
 * Throws an Error with a short reason when the text is not shaped like a bun.lock.
 */
export function parseBunLock(text: string): Map<string, string> {
  const root = parseJsonc(text);
  if (!isRecord(root)) throw new Error("the root value is not a JSON object");
  if (typeof root.lockfileVersion !== "number") throw new Error("it has no numeric lockfileVersion");
  const packages = root.packages ?? {};
  if (!isRecord(packages)) throw new Error('"packages" is not an object');
  const versions = new Map<string, string>();
  for (const [key, entry] of Object.entries(packages)) {
    if (!isPackageName(key)) continue;
    const id: unknown = Array.isArray(entry) ? entry[0] : undefined;
    if (typeof id !== "string") throw new Error(`packages["${key}"] is not an array starting with "name@version"`);
    const at = id.indexOf("@", 1);
    if (at <= 0 || id.slice(0, at) !== key) continue;
    const version = id.slice(at + 1);
    if (isPlainVersion(version)) versions.set(key, version);
  }
  return versions;
}
