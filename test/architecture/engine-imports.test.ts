import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The engine sits below the features: a review's analysis (diff, workspace,
 * analyze, validate, review) reaches no feature module, directly or through
 * another module. Features plug their steps in from above (src/pipeline/
 * composes the review's list of steps), and the unit-test step is one.
 * Above the engine, one direction between GitHub and the jobs: the jobs
 * compose the GitHub calls, so src/github (and security, llm) reach no job
 * module; what both sides use (the log, the time helpers) lives below them.
 */
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../../src");
const ENGINE = ["diff", "workspace", "analyze", "validate", "review"];
const ABOVE_ENGINE = ["testgen", "commands", "scan", "jobs", "github", "pipeline", "cli", "action", "server", "app.ts", "index.ts"];

function listSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listSources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** The source files a file imports or re-exports (relative specifiers only; `.js` names the `.ts` source). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  return importedFiles.filter((ref) => ref.fileName.startsWith(".")).map((ref) => resolve(dirname(file), ref.fileName.replace(/\.js$/, ".ts")));
}

const topFolder = (file: string): string => relative(SRC, file).split(sep)[0] ?? "";
const shortName = (file: string): string => relative(join(SRC, ".."), file).split(sep).join("/");

/** Each file in `from` that reaches a module in a folder of `forbidden`, with the chain of imports that gets there. */
function violations(from: readonly string[], forbidden: readonly string[]): string[] {
  const files = listSources(SRC);
  const graph = new Map(files.map((file) => [file, importsOf(file)]));
  const found: string[] = [];
  for (const start of files.filter((file) => from.includes(topFolder(file)))) {
    const via = new Map<string, string | undefined>([[start, undefined]]);
    const queue = [start];
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      if (forbidden.includes(topFolder(file))) {
        const chain: string[] = [];
        for (let step: string | undefined = file; step !== undefined; step = via.get(step)) chain.unshift(shortName(step));
        found.push(chain.join(" → "));
        break;
      }
      for (const next of graph.get(file) ?? []) {
        if (via.has(next)) continue;
        via.set(next, file);
        queue.push(next);
      }
    }
  }
  return found;
}

describe("the engine's imports", () => {
  it("reach no feature folder (testgen, commands, scan, jobs, github) nor the layers that compose them", () => {
    expect(violations(ENGINE, ABOVE_ENGINE)).toEqual([]);
  });

  it("leave the unit-test step (testgen) a step: it reaches the engine, never another feature or the layers that compose them", () => {
    expect(violations(["testgen"], ABOVE_ENGINE.filter((folder) => folder !== "testgen"))).toEqual([]);
  });

  it("are read from real files (the check sees the engine's imports at all)", () => {
    const engineFiles = listSources(SRC).filter((file) => ENGINE.includes(topFolder(file)));
    expect(engineFiles.length).toBeGreaterThan(50);
    expect(engineFiles.some((file) => importsOf(file).some((imported) => topFolder(imported) === "analyze"))).toBe(true);
  });
});

describe("the GitHub calls' imports", () => {
  it("run one way between GitHub and the jobs: the jobs compose the GitHub calls, so github (and security, llm) reach no jobs module", () => {
    expect(violations(["github", "security", "llm"], ["jobs"])).toEqual([]);
  });
});
