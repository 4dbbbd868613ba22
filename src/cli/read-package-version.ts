import { readFileSync } from "node:fs";

/** patchsmith's version, from its package.json (two folders up from src/cli or dist/cli). */
export function readPackageVersion(readFile: (url: URL) => string = (url) => readFileSync(url, "utf8")): string {
  const pkg: unknown = JSON.parse(readFile(new URL("../../package.json", import.meta.url)));
  const version: unknown = typeof pkg === "object" && pkg !== null ? Reflect.get(pkg, "version") : undefined;
  return typeof version === "string" ? version : "unknown";
}
