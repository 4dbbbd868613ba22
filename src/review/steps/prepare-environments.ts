import type { AcquiredEnvironment, EnvironmentProvider } from "../../environment/acquire-environment.js";
import { environmentRequest, prepareEnvironment } from "../../environment/prepare-environment.js";
import type { ReviewStats } from "../../types.js";
import type { ChangedFiles } from "./load-changed-files.js";
import type { ReviewRun } from "./review-run.js";

export interface Environments {
  readonly head?: AcquiredEnvironment;
  readonly base?: AcquiredEnvironment;
  /** What the head was checked against, for the review's stats. */
  readonly stats?: ReviewStats["environment"];
}

/**
 * The environment the repository's own tsc sees at head and at base:
 * its tsconfig chain and its dependencies' declarations, from `provider`
 * (without one, imports of packages are unknown and not reported). The base
 * shares the head's when their manifests are the same.
 */
export async function prepareEnvironments(run: ReviewRun, files: ChangedFiles, provider: EnvironmentProvider | undefined): Promise<Environments> {
  const options = { ...(provider ? { provider } : {}), ...(run.signal ? { signal: run.signal } : {}) };
  const head = await run.time("environment", () => prepareEnvironment({ loaded: files.head, ...options }));
  const sameManifests = sameFiles(environmentRequest(files.head).manifests, environmentRequest(files.base).manifests);
  const base = sameManifests ? head : await run.time("environment", () => prepareEnvironment({ loaded: files.base, ...options }));
  run.notices.push(...head.notices, ...(head.environment?.notices ?? []));
  const acquired = head.environment;
  return {
    ...(head.environment ? { head: head.environment } : {}),
    ...(base.environment ? { base: base.environment } : {}),
    ...(acquired ? { stats: { ...acquired.stats, missing: acquired.missing.length } } : {}),
  };
}

function sameFiles(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([path, text]) => b.get(path) === text);
}
