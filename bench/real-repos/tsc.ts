import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import ts from "typescript";
import { describeCommand, describeExit, run, tail } from "./exec.js";

export interface TscDiagnostic {
  /** Repo-relative posix path; undefined for a global diagnostic ("error TS2318: ..."). */
  readonly path?: string;
  readonly line?: number;
  readonly column?: number;
  readonly code: number;
  readonly message: string;
}

/** One tsc invocation: `tsc --noEmit -p config`, or `tsc -b config` for a config with project references. */
export interface TscStep {
  readonly mode: "project" | "build";
  readonly config: string;
}

export interface TscPlan {
  readonly tscBin: string;
  readonly version: string;
  readonly steps: readonly TscStep[];
}

export interface TscRun {
  /** Every step ran to its end (an exit code tsc gives for "diagnostics found" counts as ran). */
  readonly ok: boolean;
  readonly ms: number;
  readonly diagnostics: readonly TscDiagnostic[];
  /** Repo files (outside node_modules) in some program, from --listFiles. */
  readonly files: ReadonlySet<string>;
  readonly commands: readonly string[];
  readonly problems: readonly string[];
}

/**
 * What to type-check: the root tsconfig.json (with `tsc -b` when it has
 * references: referenced composite projects cannot be checked one by one with
 * --noEmit before their declarations are built, TS6305/TS6310); without one, or
 * when it is an empty solution file, each packages/<name>/tsconfig.json.
 */
export async function planTypeCheck(dir: string): Promise<TscPlan> {
  const tscBin = await findTsc(dir);
  const version = (await run(process.execPath, [tscBin, "--version"], { cwd: dir, timeoutMs: 60_000 })).stdout.trim();
  const steps: TscStep[] = [];
  const root = await readTsconfig(dir, "tsconfig.json");
  if (root !== undefined && hasReferences(root)) {
    steps.push({ mode: "build", config: "tsconfig.json" });
  } else if (root !== undefined && !isEmptySolution(root)) {
    steps.push({ mode: "project", config: "tsconfig.json" });
  } else {
    for (const config of await packageTsconfigs(dir)) {
      const json = await readTsconfig(dir, config);
      if (json !== undefined) steps.push({ mode: hasReferences(json) ? "build" : "project", config });
    }
  }
  if (steps.length === 0) throw new Error(`${dir}: no tsconfig.json at the root or under packages/*/`);
  return { tscBin, version, steps };
}

/** The project's own TypeScript (hoisted, or linked by pnpm), never patchsmith's. */
async function findTsc(dir: string): Promise<string> {
  const packages = path.join(dir, "packages");
  const bases = [dir, ...(existsSync(packages) ? (await readdir(packages)).sort().map((name) => path.join(packages, name)) : [])];
  for (const base of bases) {
    try {
      // typescript/lib/typescript.js -> typescript/bin/tsc
      const main = createRequire(path.join(base, "package.json")).resolve("typescript");
      const bin = path.join(path.dirname(path.dirname(main)), "bin", "tsc");
      if (existsSync(bin)) return bin;
    } catch {
      // not installed here
    }
  }
  throw new Error(`${dir}: the project's typescript is not installed (no node_modules/typescript)`);
}

type TsconfigJson = Record<string, unknown>;

async function readTsconfig(dir: string, file: string): Promise<TsconfigJson | undefined> {
  const full = path.join(dir, file);
  if (!existsSync(full)) return undefined;
  const parsed = ts.parseConfigFileTextToJson(full, await readFile(full, "utf8"));
  const config: unknown = parsed.config;
  return typeof config === "object" && config !== null ? (config as TsconfigJson) : undefined;
}

function hasReferences(json: TsconfigJson): boolean {
  return Array.isArray(json.references) && json.references.length > 0;
}

function isEmptySolution(json: TsconfigJson): boolean {
  return Array.isArray(json.files) && json.files.length === 0 && (!Array.isArray(json.include) || json.include.length === 0);
}

async function packageTsconfigs(dir: string): Promise<string[]> {
  const packages = path.join(dir, "packages");
  if (!existsSync(packages)) return [];
  const configs: string[] = [];
  for (const entry of (await readdir(packages, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const config = path.posix.join("packages", entry.name, "tsconfig.json");
    if (entry.isDirectory() && existsSync(path.join(dir, config))) configs.push(config);
  }
  return configs;
}

/** tsc's exit codes 0-4 all mean it ran (success, diagnostics, invalid project, reference cycle). */
const RAN = new Set([0, 1, 2, 3, 4]);

/** Runs every step of the plan in `dir` and merges their diagnostics (build mode emits into `dir`: use a throwaway copy). */
export async function runTypeCheck(dir: string, plan: TscPlan, options: { readonly timeoutMs: number; readonly listFiles: boolean; readonly forceBuild: boolean }): Promise<TscRun> {
  const { timeoutMs, listFiles, forceBuild } = options;
  const diagnostics = new Map<string, TscDiagnostic>();
  const files = new Set<string>();
  const commands: string[] = [];
  const problems: string[] = [];
  let ms = 0;
  let ok = true;
  for (const step of plan.steps) {
    // --force: an up-to-date project in build mode is skipped, and its errors with it.
    const base = step.mode === "build" ? ["-b", step.config, ...(forceBuild ? ["--force"] : [])] : ["--noEmit", "-p", step.config];
    let args = [...base, "--pretty", "false", ...(listFiles ? ["--listFiles"] : [])];
    let result = await run(process.execPath, [plan.tscBin, ...args], { cwd: dir, timeoutMs });
    if (step.mode === "project" && /error TS5053: Option '(?:emitDeclarationOnly|noEmit)' cannot be specified with option '(?:noEmit|emitDeclarationOnly)'/.test(result.stdout)) {
      // The config asks for declarations only (a build config used for checking too): --noEmit wins.
      // Only the second run's time counts.
      args = [...args, "--emitDeclarationOnly", "false"];
      result = await run(process.execPath, [plan.tscBin, ...args], { cwd: dir, timeoutMs });
    }
    ms += result.ms;
    commands.push(describeCommand("tsc", args));
    if (result.code === null || !RAN.has(result.code)) {
      ok = false;
      problems.push(`tsc ${args.join(" ")}: ${describeExit(result)}: ${tail(result.stderr || result.stdout, 5)}`);
    }
    for (const d of parseTscOutput(result.stdout, dir, files)) diagnostics.set(diagnosticKey(d), d);
  }
  return { ok, ms, diagnostics: [...diagnostics.values()], files, commands, problems };
}

/**
 * tsc computes semantic diagnostics only when there are no syntactic, options
 * or global ones (emitFilesAndReportErrors): with those, its answer is partial.
 * "environment": an options or global error (a missing @types package, a bad
 * compiler option): the checkout, not the commit, is broken. "syntax": only
 * TS1xxx errors, which is what a file that does not parse gives (a hint: some
 * TS1xxx codes are grammar errors of the checker).
 */
export function semanticChecksSkipped(diagnostics: readonly TscDiagnostic[]): "environment" | "syntax" | undefined {
  if (diagnostics.some(isEnvironmentDiagnostic)) return "environment";
  if (diagnostics.length > 0 && diagnostics.every((d) => d.code >= 1000 && d.code < 2000)) return "syntax";
  return undefined;
}

/** A global diagnostic, one in a tsconfig, or an options one (TS5xxx). */
export function isEnvironmentDiagnostic(d: TscDiagnostic): boolean {
  return d.path === undefined || d.path.endsWith(".json") || (d.code >= 5000 && d.code < 6000);
}

export function diagnosticKey(d: TscDiagnostic): string {
  return `${d.path ?? ""}:${d.line ?? 0}:${d.column ?? 0}:TS${d.code}:${d.message}`;
}

/** Parses `tsc --pretty false` output; absolute paths alone on a line are --listFiles output and go to `files`. */
export function parseTscOutput(stdout: string, dir: string, files: Set<string>): TscDiagnostic[] {
  const out: TscDiagnostic[] = [];
  let last: { path?: string; line?: number; column?: number; code: number; message: string } | undefined;
  const flush = (): void => {
    if (last !== undefined) out.push(last);
    last = undefined;
  };
  for (const raw of stdout.split("\n")) {
    const line = raw.replace(/\r$/, "");
    const located = /^(.+)\((\d+),(\d+)\): error TS(\d+): (.*)$/.exec(line);
    if (located !== null) {
      flush();
      last = { path: repoPath(dir, located[1] ?? ""), line: Number(located[2]), column: Number(located[3]), code: Number(located[4]), message: located[5] ?? "" };
      continue;
    }
    const global = /^error TS(\d+): (.*)$/.exec(line);
    if (global !== null) {
      flush();
      last = { code: Number(global[1]), message: global[2] ?? "" };
      continue;
    }
    if (last !== undefined && /^\s+\S/.test(line)) {
      last.message += `\n${line.trimEnd()}`;
      continue;
    }
    flush();
    if (path.isAbsolute(line)) {
      const rel = repoPath(dir, line);
      if (!rel.startsWith("../") && !rel.split("/").includes("node_modules")) files.add(rel);
    }
  }
  flush();
  return out;
}

function repoPath(dir: string, file: string): string {
  return path.relative(dir, path.resolve(dir, file)).split(path.sep).join("/");
}
