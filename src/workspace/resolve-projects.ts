import path from "node:path/posix";
import type ts from "typescript";
import type { Notice } from "../types.js";
import { createPathIndex } from "./create-path-index.js";
import { FORCED_OPTIONS, parseTsconfig, type ParsedTsconfig } from "./parse-tsconfig.js";

/** Which tsconfig type-checks each file, and with which options. */
export interface ProjectLayout {
  /** Project key (the tsconfig's path, or "" for the defaults when the repository has none) → compiler options. */
  readonly projects: ReadonlyMap<string, ts.CompilerOptions>;
  /** The project that type-checks `path`, or undefined when no tsconfig includes it (it is linted only). */
  projectOf(path: string): string | undefined;
  /** `types` entries some project names that the environment lacks: names they declare are unknown here. */
  typesMissing(): readonly string[];
  /** What of the configs was not used, once per config. */
  notices(): readonly Notice[];
}

const TSCONFIG = /(?:^|\/)tsconfig\.json$/;
const MAX_REFERENCE_DEPTH = 8;

/**
 * Find each file's project as TypeScript's editor support does: the nearest
 * tsconfig.json above the file that includes it (its files/include/exclude),
 * else a project that config references (solution-style roots with
 * `"files": []`), else the next tsconfig.json further up. A file no config
 * includes is not type-checked, as the repository's own `tsc -p` would not
 * check it. A repository without any tsconfig.json gets `defaults` for all.
 */
export function resolveProjects(params: {
  readonly files: ReadonlyMap<string, string>;
  readonly knownPaths: ReadonlySet<string>;
  readonly dependencies: ReadonlyMap<string, string>;
  readonly defaults: ts.CompilerOptions;
}): ProjectLayout {
  const configs = new Set([...params.knownPaths].filter((p) => TSCONFIG.test(p) && !p.split("/").includes("node_modules")));
  if (configs.size === 0) {
    const projects = new Map([["", { ...params.defaults, ...FORCED_OPTIONS }]]);
    return { projects, projectOf: () => "", typesMissing: () => [], notices: () => [] };
  }
  const repoIndex = createPathIndex(params.knownPaths);
  const parsed = new Map<string, ParsedTsconfig | undefined>();
  const notices: Notice[] = [];
  const projects = new Map<string, ts.CompilerOptions>();
  const missingTypes = new Set<string>();
  const parse = (configPath: string): ParsedTsconfig | undefined => {
    if (parsed.has(configPath)) return parsed.get(configPath);
    const result = parseTsconfig({ configPath, readFile: (p) => params.files.get(p), repoIndex, dependencies: params.dependencies });
    notices.push(...result.notices);
    const usable = "invalid" in result ? undefined : result;
    parsed.set(configPath, usable);
    return usable;
  };
  const find = (configPath: string, file: string, depth: number, seen: Set<string>): ParsedTsconfig | undefined => {
    if (depth > MAX_REFERENCE_DEPTH || seen.has(configPath) || !params.knownPaths.has(configPath)) return undefined;
    seen.add(configPath);
    const config = parse(configPath);
    if (!config) return undefined;
    if (config.fileNames.has(file)) return config;
    for (const reference of config.references) {
      const target = reference.endsWith(".json") ? reference : `${reference}/tsconfig.json`;
      const found = find(target, file, depth + 1, seen);
      if (found) return found;
    }
    return undefined;
  };
  const owners = new Map<string, string | undefined>();
  return {
    projects,
    projectOf(file) {
      if (owners.has(file)) return owners.get(file);
      let owner: string | undefined;
      const seen = new Set<string>();
      for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
        const candidate = dir === "." ? "tsconfig.json" : `${dir}/tsconfig.json`;
        if (configs.has(candidate)) {
          const config = find(candidate, file, 0, seen);
          if (config) {
            if (!config.extendsBroken) {
              owner = config.configPath;
              projects.set(owner, config.options);
              for (const name of config.typesMissing) missingTypes.add(name);
            }
            break;
          }
        }
        if (dir === ".") break;
      }
      owners.set(file, owner);
      return owner;
    },
    typesMissing: () => [...missingTypes],
    notices: () => [...notices],
  };
}
