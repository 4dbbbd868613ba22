import { posix } from "node:path";
import ts from "typescript";
import type { FileSource, Notice } from "../types.js";
import { linkWorkspacePackages, type WorkspaceLinks } from "./link-workspace-packages.js";
import { resolveRelativeImport } from "./resolve-relative-import.js";
import { mapLimit } from "./map-limit.js";
import { MAX_NESTING_DEPTH, measureNestingDepth } from "./measure-nesting-depth.js";

export interface LoadedFiles {
  readonly files: Map<string, string>;
  readonly knownPaths: ReadonlySet<string>;
  /** Seed files that could not be read as text, with the reason. */
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
  readonly notices: readonly Notice[];
  /** The repository's workspace packages, linked from the snapshot (absent: none read). */
  readonly links?: WorkspaceLinks;
}

const CONFIG_FILE = /(?:^|\/)(?:tsconfig[^/]*\.json|jsconfig\.json|package\.json)$/;
/** Lockfiles at the root: where dependency versions come from. */
const LOCKFILE = /^(?:package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|pnpm-workspace\.yaml|yarn\.lock|bun\.lock|\.eslintrc(?:\.json|\.ya?ml)?)$/;
const SCRIPT = /\.(?:[cm]?[jt]sx?|d\.ts)$/;
const DECLARATION = /\.d\.[cm]?ts$/;
/** Parsed as code or JSON, so measured for nesting first. */
const PARSED = /\.(?:[cm]?[jt]sx?|json)$/;
const MAX_CONFIGS = 100;
const MAX_DECLARATIONS = 100;

/**
 * Read the files a review needs from a snapshot: the seed paths, the
 * tsconfig/jsconfig/package.json files (as data), and what the seeds import
 * with relative specifiers or from the repository's own workspace packages
 * (linked from the snapshot), transitively, then the other scripts in the seeds'
 * folders (so "add import" fixes can find a sibling's exports), up to
 * `maxFiles`. Everything is
 * read through the FileSource; nothing from the repository is executed.
 */
export async function loadFiles(params: {
  readonly source: FileSource;
  readonly seeds: readonly string[];
  readonly maxFiles?: number;
  readonly concurrency?: number;
}): Promise<LoadedFiles> {
  const maxFiles = params.maxFiles ?? 400;
  const knownPaths = new Set(await params.source.listPaths());
  const files = new Map<string, string>();
  const skipped: { path: string; reason: string }[] = [];
  const notices: Notice[] = [];
  const seen = new Set<string>();
  const seedSet = new Set(params.seeds);

  // Configs of the seeds' folders and their parents first (each file's tsconfig chain), then the others.
  const outsideNodeModules = (p: string): boolean => !p.split("/").includes("node_modules");
  const seedFolders = new Set(params.seeds.flatMap(ancestorsOf));
  const allConfigs = [...knownPaths].filter((p) => CONFIG_FILE.test(p) && outsideNodeModules(p));
  const configs = [...allConfigs.filter((p) => seedFolders.has(folderOf(p))), ...allConfigs.filter((p) => !seedFolders.has(folderOf(p)))].slice(0, MAX_CONFIGS);
  const lockfiles = [...knownPaths].filter((p) => LOCKFILE.test(p));
  // Declaration files may declare globals the seeds use without importing them.
  const declarations = [...knownPaths].filter((p) => DECLARATION.test(p) && outsideNodeModules(p)).slice(0, MAX_DECLARATIONS);
  let queue = [...params.seeds.filter((p) => knownPaths.has(p)), ...configs, ...lockfiles, ...declarations];
  let capped = false;
  // Bare specifiers wait until the configs are read: those of workspace packages reach the repository's own files.
  let bare: string[] = [];
  let links: WorkspaceLinks | undefined;
  const follow = (target: string): void => {
    if (seen.has(target) || queue.includes(target)) return;
    if (files.size + queue.length >= maxFiles) {
      capped = true;
      return;
    }
    queue.push(target);
  };
  while (queue.length > 0) {
    const batch = queue.filter((p) => !seen.has(p));
    queue = [];
    for (const path of batch) seen.add(path);
    const results = await mapLimit(batch, params.concurrency ?? 8, async (path) => ({ path, result: await params.source.readText(path) }));
    for (const { path, result } of results) {
      if (result.kind === "skipped") {
        if (seedSet.has(path)) skipped.push({ path, reason: result.reason });
        continue;
      }
      if (result.kind === "missing") continue;
      const tooDeep = nestingProblem(path, result.text);
      if (tooDeep !== undefined) {
        if (seedSet.has(path)) skipped.push({ path, reason: tooDeep });
        else notices.push({ path, message: `${path} was not loaded for type information: ${tooDeep}.` });
        continue;
      }
      files.set(path, result.text);
      if (/(?:^|\/)tsconfig[^/]*\.json$/.test(path)) {
        // A tsconfig may extend a file of the repository under any name.
        for (const target of relativeExtends(path, result.text)) if (knownPaths.has(target) && !seen.has(target)) queue.push(target);
        continue;
      }
      if (!SCRIPT.test(path)) continue;
      for (const ref of ts.preProcessFile(result.text, true, true).importedFiles) {
        const target = resolveRelativeImport(path, ref.fileName, knownPaths);
        if (target !== undefined) follow(target);
        else if (!ref.fileName.startsWith(".")) bare.push(ref.fileName);
      }
    }
    links ??= linkWorkspacePackages({ files, knownPaths });
    for (const specifier of bare) {
      const target = links.resolve(specifier);
      if (target !== undefined) follow(target);
    }
    bare = [];
  }
  // Siblings of the seeds: where a missing import most often lives.
  const folders = new Set(params.seeds.map(folderOf));
  const siblings = [...knownPaths].filter((p) => SCRIPT.test(p) && !seen.has(p) && folders.has(folderOf(p)));
  const room = Math.max(0, maxFiles - files.size);
  if (siblings.length > room) capped = true;
  const siblingResults = await mapLimit(siblings.slice(0, room), params.concurrency ?? 8, async (path) => ({ path, result: await params.source.readText(path) }));
  for (const { path, result } of siblingResults) if (result.kind === "text" && nestingProblem(path, result.text) === undefined) files.set(path, result.text);

  if (capped) {
    notices.push({
      message: `Only ${maxFiles} files were loaded for type information; imports beyond that were treated as unknown, so some type errors across files may be missed.`,
    });
  }
  return { files, knownPaths, skipped, notices, ...(links ? { links } : {}) };
}

/** Why a file is too deeply nested to parse safely, or undefined. */
function nestingProblem(path: string, text: string): string | undefined {
  if (!PARSED.test(path)) return undefined;
  const depth = measureNestingDepth(text);
  if (depth <= MAX_NESTING_DEPTH) return undefined;
  return `its brackets nest ${depth.toLocaleString("en-US")} levels deep, more than the ${MAX_NESTING_DEPTH} patchsmith parses (deeper nesting overflows the parser's stack), so ESLint and TypeScript did not check it`;
}

function ancestorsOf(path: string): string[] {
  const result: string[] = [];
  for (let dir = folderOf(path); ; dir = folderOf(dir)) {
    result.push(dir);
    if (dir === "") return result;
  }
}

function relativeExtends(configPath: string, text: string): string[] {
  const { config } = ts.parseConfigFileTextToJson(configPath, text) as { config?: { extends?: unknown } };
  const extended = config?.extends;
  const targets = (Array.isArray(extended) ? extended : [extended]).filter((t): t is string => typeof t === "string" && t.startsWith("."));
  return targets.map((target) => {
    const joined = posix.normalize(posix.join(folderOf(configPath), target));
    return joined.endsWith(".json") ? joined : `${joined}.json`;
  });
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}
