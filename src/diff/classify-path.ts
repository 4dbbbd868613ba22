import picomatch from "picomatch";
import type { RepoConfig } from "../config/repo-config.js";

export type PathClass = { readonly review: true } | { readonly review: false; readonly reason: string };

const LOCKFILES = new Set([
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "bun.lockb",
  "bun.lock",
  "deno.lock",
  "composer.lock",
  "Gemfile.lock",
  "Cargo.lock",
  "poetry.lock",
  "Pipfile.lock",
  "uv.lock",
  "go.sum",
  "pubspec.lock",
  "Podfile.lock",
  "mix.lock",
  "flake.lock",
  "packages.lock.json",
  "gradle.lockfile",
]);

const VENDORED_DIRS = new Set(["node_modules", "vendor", "third_party", "bower_components", "jspm_packages"]);
const GENERATED_DIRS = new Set(["dist", "build", "out", "coverage", "__generated__", ".next", ".nuxt", ".svelte-kit"]);
const GENERATED_NAMES = [/\.min\.[cm]?js$/, /\.min\.css$/, /\.map$/, /\.generated\./, /\.snap$/];

const SCRIPT_EXTENSIONS = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const TYPESCRIPT_EXTENSIONS = /\.(?:ts|tsx|mts|cts)$/;

/**
 * Whether a changed path is worth reviewing. Lockfiles, generated output and
 * vendored dependencies never are; then the repository's `ignore` globs, then
 * its `include` globs decide. Globs match dotfiles, and a glob without a slash
 * (`*.md`) matches the file name at any depth, as in .gitignore.
 */
export function classifyPath(path: string, config: Pick<RepoConfig, "include" | "ignore">): PathClass {
  const normalised = path.replace(/\\/g, "/").replace(/^(?:\.\/)+/, "");
  const segments = normalised.split("/");
  const name = segments.at(-1) ?? "";
  const dirs = segments.slice(0, -1);
  if (LOCKFILES.has(name)) return { review: false, reason: "lockfile" };
  const vendored = dirs.find((dir) => VENDORED_DIRS.has(dir));
  if (vendored !== undefined) return { review: false, reason: `vendored dependency (in ${vendored}/)` };
  const generatedDir = dirs.find((dir) => GENERATED_DIRS.has(dir));
  if (generatedDir !== undefined) return { review: false, reason: `generated file (in ${generatedDir}/)` };
  if (GENERATED_NAMES.some((pattern) => pattern.test(name))) return { review: false, reason: "generated file" };
  const ignoredBy = config.ignore.find((glob) => matches(glob, normalised));
  if (ignoredBy !== undefined) return { review: false, reason: `matches ignore pattern \`${ignoredBy}\` in .github/patchsmith.yml` };
  if (!config.include.some((glob) => matches(glob, normalised))) {
    return { review: false, reason: "not matched by the include patterns in .github/patchsmith.yml" };
  }
  return { review: true };
}

/** JavaScript or TypeScript source that ESLint and the compiler can check. */
export function isScriptPath(path: string): boolean {
  return SCRIPT_EXTENSIONS.test(path);
}

/** TypeScript source (.ts, .tsx, .mts, .cts, declaration files included). */
export function isTypeScriptPath(path: string): boolean {
  return TYPESCRIPT_EXTENSIONS.test(path);
}

function matches(glob: string, path: string): boolean {
  if (glob === "") return false;
  return picomatch(glob, { dot: true, basename: !glob.includes("/") })(path);
}
