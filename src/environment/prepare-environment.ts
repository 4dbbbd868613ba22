import type { Notice } from "../types.js";
import type { LoadedFiles } from "../workspace/load-files.js";
import { MISSING_MODULES_FILE, type AcquiredEnvironment, type EnvironmentProvider, type EnvironmentRequest } from "./acquire-environment.js";
import { collectWantedPackages } from "./collect-wanted-packages.js";

const MANIFEST = /^(?:package\.json|package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|yarn\.lock|bun\.lock)$/;
const LOCKFILE = /^(?:package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|yarn\.lock|bun\.lock)$/;

/**
 * The environment of one snapshot: what its loaded files reach, acquired by
 * the provider. Without a provider there is none (imports of packages are
 * unknown and not reported). A provider that fails leaves every wanted
 * package an `any` module, with a notice; the review goes on.
 */
export async function prepareEnvironment(params: {
  readonly loaded: LoadedFiles;
  readonly provider?: EnvironmentProvider;
  readonly signal?: AbortSignal;
}): Promise<{ readonly environment?: AcquiredEnvironment; readonly notices: readonly Notice[] }> {
  const { loaded, provider } = params;
  if (!provider) return { notices: [] };
  const request = environmentRequest(loaded);
  const notices: Notice[] = [];
  for (const path of loaded.knownPaths) {
    if (LOCKFILE.test(path) && !loaded.files.has(path)) {
      notices.push({ path, message: `${path} could not be read (too large or over the review's read budget), so dependency versions came from package.json ranges and may differ from the ones installed; raise \`maxFileBytes\` in .github/patchsmith.yml to have it read.` });
    }
  }
  try {
    return { environment: await provider(request, params.signal), notices };
  } catch (error) {
    params.signal?.throwIfAborted();
    const reason = error instanceof Error ? error.message : String(error);
    const names = [...request.wanted];
    const files = new Map([[MISSING_MODULES_FILE, names.map((name) => `declare module ${JSON.stringify(name)};\ndeclare module ${JSON.stringify(`${name}/*`)};`).join("\n")]]);
    notices.push({ message: `Type information for dependencies could not be acquired (${reason}); imports of packages were treated as \`any\` and nothing that depends on them was reported.` });
    return {
      environment: { files, packages: [], missing: names.map((name) => ({ name, reason })), versionsFrom: "none", notices: [], stats: { packages: 0, bytes: 0, ms: 0 } },
      notices,
    };
  }
}

/** The data a provider needs: the root manifests, the wanted packages, and the repository's own packages (linked or not). */
export function environmentRequest(loaded: LoadedFiles): EnvironmentRequest {
  const manifests = new Map([...loaded.files].filter(([path]) => MANIFEST.test(path)));
  const workspacePackages: string[] = [];
  for (const [path, text] of loaded.files) {
    if (!path.endsWith("/package.json") || path.split("/").includes("node_modules")) continue;
    try {
      const name = (JSON.parse(text) as { name?: unknown }).name;
      if (typeof name === "string") workspacePackages.push(name);
    } catch {
      // A package.json that is not JSON names no package.
    }
  }
  const own = new Set(workspacePackages);
  // Workspace packages linked from the repository are typed by its own files; the others stay `any`.
  const linked = [...(loaded.links?.links.keys() ?? [])];
  return {
    manifests,
    wanted: collectWantedPackages(loaded.files).filter((name) => !own.has(name) && !loaded.links?.links.has(name)),
    workspacePackages: workspacePackages.filter((name) => !loaded.links?.links.has(name)),
    ...(linked.length > 0 ? { linkedPackages: linked } : {}),
  };
}
