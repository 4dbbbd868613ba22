import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describeCommand, describeExit, run, tail } from "./exec.js";

export type PackageManagerKind = "npm" | "pnpm" | "yarn";

export interface InstallPlan {
  readonly manager: PackageManagerKind;
  /** The lockfile the install follows, if the project has one. */
  readonly lockfile?: string;
  /** Equal keys: the node_modules of one commit serves the other. */
  readonly key: string;
}

export interface InstallOutcome {
  readonly ok: boolean;
  /** The command that succeeded (or the last one tried). */
  readonly command: string;
  readonly ms: number;
  /** Why each failed attempt failed, in order. */
  readonly failures: readonly string[];
}

const LOCKFILES: readonly { readonly file: string; readonly manager: PackageManagerKind }[] = [
  { file: "pnpm-lock.yaml", manager: "pnpm" },
  { file: "yarn.lock", manager: "yarn" },
  { file: "package-lock.json", manager: "npm" },
  { file: "npm-shrinkwrap.json", manager: "npm" },
];

/**
 * Which package manager installs the checkout in `dir`, and the cache key of
 * that install: the lockfile (and the pnpm workspace file, which holds
 * overrides and patches); without a lockfile, the dependency fields of every
 * package.json at the root and one folder level below packages/.
 */
export async function planInstall(dir: string): Promise<InstallPlan> {
  const hash = createHash("sha256");
  for (const { file, manager } of LOCKFILES) {
    if (!existsSync(path.join(dir, file))) continue;
    hash.update(`${manager}\0${file}\0`).update(await readFile(path.join(dir, file)));
    for (const extra of ["pnpm-workspace.yaml", ".npmrc", ".yarnrc.yml"]) {
      if (existsSync(path.join(dir, extra))) hash.update(`\0${extra}\0`).update(await readFile(path.join(dir, extra)));
    }
    return { manager, lockfile: file, key: hash.digest("hex") };
  }
  hash.update("npm-no-lockfile\0");
  for (const file of await packageJsonFiles(dir)) hash.update(`${file}\0${dependencyFields(await readFile(path.join(dir, file), "utf8"))}\0`);
  return { manager: "npm", key: hash.digest("hex") };
}

/** The parts of a package.json an install depends on (a version bump alone does not reinstall). */
function dependencyFields(text: string): string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return text;
  }
  if (typeof json !== "object" || json === null) return text;
  const fields = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies", "overrides", "workspaces"];
  return JSON.stringify(fields.map((field) => [field, Reflect.get(json, field) as unknown]));
}

async function packageJsonFiles(dir: string): Promise<string[]> {
  const files = existsSync(path.join(dir, "package.json")) ? ["package.json"] : [];
  const packages = path.join(dir, "packages");
  if (existsSync(packages)) {
    for (const entry of (await readdir(packages, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.posix.join("packages", entry.name, "package.json");
      if (entry.isDirectory() && existsSync(path.join(dir, file))) files.push(file);
    }
  }
  return files;
}

interface Attempt {
  readonly file: string;
  readonly args: readonly string[];
}

function attempts(plan: InstallPlan): Attempt[] {
  switch (plan.manager) {
    case "pnpm":
      return [
        { file: "npx", args: ["--yes", "pnpm@9", "install", "--ignore-scripts", "--frozen-lockfile"] },
        { file: "corepack", args: ["pnpm", "install", "--ignore-scripts", "--frozen-lockfile"] },
        // Last resort: the lockfile is re-resolved (the installed versions may differ from the commit's).
        { file: "npx", args: ["--yes", "pnpm@9", "install", "--ignore-scripts", "--no-frozen-lockfile"] },
      ];
    case "yarn":
      return [
        { file: "npx", args: ["--yes", "yarn@1", "install", "--ignore-scripts", "--frozen-lockfile", "--non-interactive"] },
        { file: "corepack", args: ["yarn", "install", "--immutable", "--mode=skip-build"] },
      ];
    case "npm":
      return plan.lockfile === undefined
        ? [{ file: "npm", args: ["install", "--ignore-scripts", "--no-audit", "--no-fund"] }]
        : [
            { file: "npm", args: ["ci", "--ignore-scripts", "--no-audit", "--no-fund"] },
            // A lockfile out of step with package.json: npm ci refuses, npm install re-resolves.
            { file: "npm", args: ["install", "--ignore-scripts", "--no-audit", "--no-fund"] },
          ];
  }
}

/** Installs the project's dependencies with every lifecycle script disabled. */
export async function install(dir: string, plan: InstallPlan, timeoutMs: number): Promise<InstallOutcome> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CI: "true",
    COREPACK_ENABLE_DOWNLOAD_PROMPT: "0",
    npm_config_ignore_scripts: "true",
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
  };
  const failures: string[] = [];
  let total = 0;
  let command = "";
  for (const attempt of attempts(plan)) {
    command = describeCommand(attempt.file, attempt.args);
    const result = await run(attempt.file, attempt.args, { cwd: dir, timeoutMs, env });
    total += result.ms;
    if (result.code === 0) return { ok: true, command, ms: total, failures };
    failures.push(`${command}: ${describeExit(result)}: ${tail(result.stderr || result.stdout, 8)}`);
  }
  return { ok: false, command, ms: total, failures };
}
