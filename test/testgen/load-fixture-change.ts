import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadLocalChange, type LocalChange } from "../../src/cli/load-local-change.js";
import { createTempRepo, type TempRepo } from "../helpers/git-repo.js";

export type FixtureName = "vitest-repo" | "jest-repo" | "node-test-repo";

export const FIXTURES_DIR = path.join(import.meta.dirname, "..", "fixtures", "testgen");

/** Every file under a folder, as repository-relative path → text. */
export function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative === "" ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(child);
      else files[child] = readFileSync(path.join(dir, child), "utf8");
    }
  };
  walk("");
  return files;
}

/** The files of a fixture at base and head: head/ is the whole repository, base/ the modified files, pr.json the added ones. */
export function fixtureSnapshots(name: FixtureName): { readonly base: Record<string, string>; readonly head: Record<string, string> } {
  const root = path.join(FIXTURES_DIR, name);
  const head = readTree(path.join(root, "head"));
  const { added } = JSON.parse(readFileSync(path.join(root, "pr.json"), "utf8")) as { added: string[] };
  const base = Object.fromEntries(Object.entries({ ...head, ...readTree(path.join(root, "base")) }).filter(([file]) => !added.includes(file)));
  return { base, head };
}

/**
 * A fixture as a real pull request: a throwaway git repository with the base
 * snapshot on main and the head snapshot on top, read back the way the CLI reads a change.
 */
export async function loadFixtureChange(name: FixtureName): Promise<LocalChange & { readonly repo: TempRepo; readonly headFiles: Record<string, string> }> {
  const { base, head } = fixtureSnapshots(name);
  const repo = createTempRepo();
  repo.commit(base, "base");
  const removed = Object.fromEntries(Object.keys(base).filter((file) => !(file in head)).map((file) => [file, null]));
  repo.git("checkout", "-q", "-b", "feature");
  repo.commit({ ...head, ...removed }, "head");
  const change = await loadLocalChange({ repoDir: repo.dir, base: "main", head: "feature", maxBytes: 1_000_000 });
  return { ...change, repo, headFiles: head };
}
