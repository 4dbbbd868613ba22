import type { RepoConfig } from "../config/repo-config.js";
import type { AcquiredEnvironment } from "../environment/acquire-environment.js";
import { collectWantedPackages } from "../environment/collect-wanted-packages.js";
import { readDeclaredRanges } from "../environment/read-locked-versions.js";
import type { Notice } from "../types.js";
import { createWorkspace, type Workspace } from "./create-workspace.js";
import type { LoadedFiles } from "./load-files.js";
import { DEFAULT_COMPILER_OPTIONS } from "./read-compiler-options.js";
import { resolveProjects } from "./resolve-projects.js";
import { createSafeLinter, type SafeLinter } from "./safe-linter.js";

/**
 * An in-memory workspace over files loaded from a snapshot: each file's
 * tsconfig resolved as data (nearest config that includes it, references,
 * packages it extends), the acquired dependency declarations, the built-in
 * safe linter with the config's rule switches, and the config's checks.
 * Notices say what of the configs or the environment was not used, and which
 * of `changed` no tsconfig includes. The caller disposes the workspace.
 */
export function buildWorkspace(params: {
  readonly loaded: LoadedFiles;
  readonly config: Pick<RepoConfig, "rules" | "checks">;
  /** A linter to share between workspaces (base and head); one is made otherwise. */
  readonly linter?: SafeLinter;
  readonly environment?: AcquiredEnvironment;
  /** Paths the notices are about (the changed files); all loaded scripts otherwise. */
  readonly changed?: readonly string[];
}): { readonly workspace: Workspace; readonly notices: readonly Notice[] } {
  const { loaded, config, environment } = params;
  const dependencies = environment?.files ?? new Map<string, string>();
  const layout = resolveProjects({ files: loaded.files, knownPaths: loaded.knownPaths, dependencies, defaults: DEFAULT_COMPILER_OPTIONS });
  const acquired = new Set(environment?.packages.map((p) => p.name) ?? []);
  // Packages the code imports that the environment does not have (not acquired, missing, or the repository's own
  // workspace packages): their imports are `any`, and what is inferred from them is not what the project's tsc infers.
  const scripts = new Map([...loaded.files].filter(([path]) => /\.[cm]?[jt]sx?$/.test(path)));
  const links = loaded.links?.links ?? new Map();
  const imported = collectWantedPackages(scripts);
  const unknownPackages = imported.filter((name) => !name.startsWith("@types/") && !acquired.has(name) && !links.has(name));
  const typesLacking = [...readDeclaredRanges(loaded.files.get("package.json")).keys()].filter((name) => name.startsWith("@types/") && !acquired.has(name));
  const workspace = createWorkspace({
    files: loaded.files,
    layout,
    dependencies,
    silenceUnknownNames: typesLacking.length > 0,
    silenceImplicitAny: unknownPackages.length > 0,
    environmentComplete: environment !== undefined && environment.missing.length === 0 && typesLacking.length === 0,
    knownPaths: loaded.knownPaths,
    ...(links.size > 0 ? { links } : {}),
    linter: params.linter ?? createSafeLinter(config.rules),
    checks: { eslint: config.checks.eslint, typescript: config.checks.typescript },
  });
  const notices: Notice[] = [];
  const changed = params.changed ?? [...loaded.files.keys()].filter((p) => /\.[cm]?tsx?$/.test(p) && !p.endsWith(".d.ts"));
  const unchecked = changed.filter((path) => /\.[cm]?tsx?$/.test(path) && layout.projectOf(path) === undefined);
  notices.push(...layout.notices());
  if (unchecked.length > 0 && config.checks.typescript) {
    const shown = unchecked.slice(0, 3).map((p) => `\`${p}\``).join(", ");
    notices.push({ message: `${unchecked.length} changed ${unchecked.length === 1 ? "file is" : "files are"} not type-checked (${shown}${unchecked.length > 3 ? ", …" : ""}): no tsconfig of the repository includes ${unchecked.length === 1 ? "it" : "them"} (or it is invalid, or its \`extends\` could not be followed), so the project's own \`tsc\` does not check ${unchecked.length === 1 ? "it" : "them"} either. ${unchecked.length === 1 ? "It was" : "They were"} linted.` });
  }
  const unlinked = (loaded.links?.unlinked ?? []).filter((u) => imported.includes(u.name));
  if (unlinked.length > 0) {
    const shown = unlinked.slice(0, 3).map((u) => u.reason.replace(/`/g, "'")).join("; ");
    notices.push({ message: `Workspace ${unlinked.length === 1 ? "package" : "packages"} not linked (${shown}${unlinked.length > 3 ? "; …" : ""}): imports of ${unlinked.length === 1 ? "it" : "them"} were treated as \`any\`, so nothing depending on ${unlinked.length === 1 ? "it" : "them"} was reported. Point \`types\` at a source file or commit the declarations.` });
  }
  const typesMissing = layout.typesMissing();
  if (typesMissing.length > 0 || typesLacking.length > 0) {
    const names = [...new Set([...typesMissing, ...typesLacking])].map((n) => `\`${n}\``).join(", ");
    notices.push({ message: `Global type declarations the project uses could not be had (${names}), so "Cannot find name" errors were not reported.` });
  }
  return { workspace, notices };
}
