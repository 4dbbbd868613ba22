import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { defaultRepoConfig } from "../../src/config/repo-config.js";
import { reviewChange } from "../../src/pipeline/review-change.js";
import { createDirectoryFileSource } from "../../src/scan/create-directory-file-source.js";
import { captureIo, noModelDeps } from "../helpers/cli.js";
import { createTempRepo, type TempRepo } from "../helpers/git-repo.js";
import { appendedDiff, memorySource } from "./review-fixture.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/hostile-repo");

/** A JavaScript module that writes `PWNED-<name>` next to itself when it is loaded or run. */
const esmCanary = (name: string) => `import { writeFileSync } from "node:fs";\nwriteFileSync(new URL("./PWNED-${name}", import.meta.url), "executed\\n");\nexport default [];\n`;
const cjsCanary = (name: string) => `require("node:fs").writeFileSync(require("node:path").join(__dirname, "PWNED-${name}"), "executed\\n");\nmodule.exports = [];\n`;
const shellCanary = (name: string) => `node -e "require('fs').writeFileSync('PWNED-${name}','')"`;

function canaries(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.startsWith("PWNED")) found.push(path.relative(dir, full));
    }
  };
  walk(dir);
  return found;
}

const BASE_SOURCE = "export function ready(): boolean {\n  return true;\n}\n";
/** A change ESLint and TypeScript both have something to say about, so the review demonstrably ran. */
const HEAD_SOURCE = `${BASE_SOURCE}\nexport function size(values: number[]): number {\n  let total = 0;\n  for (const v of values) total += v;\n  const label: string = total;\n  let length = label.length;\n  return length;\n}\n`;

let repo: TempRepo | undefined;
afterEach(() => {
  repo?.remove();
  repo = undefined;
});

/**
 * Commit `files` (the hostile part) with src/index.ts on main, change
 * src/index.ts on a branch, let `prepare` touch the checkout (git config,
 * hooks), run `patchsmith review` on it, and return what it found and every
 * marker file written anywhere in the checkout (.git included).
 */
async function reviewHostile(files: Record<string, string>, prepare?: (repo: TempRepo) => void): Promise<{ rules: string[]; notices: string[]; canaries: string[] }> {
  const temp = createTempRepo();
  repo = temp;
  temp.commit({ "src/index.ts": BASE_SOURCE, ...files }, "base");
  temp.git("checkout", "-q", "-b", "feature");
  temp.commit({ "src/index.ts": HEAD_SOURCE }, "change");
  prepare?.(temp);
  const io = captureIo(temp.dir);
  const code = await runCli(["review", "--repo", temp.dir, "--base", "main", "--head", "feature", "--format", "json"], io, noModelDeps);
  expect(io.stderrText()).not.toMatch(/unexpected error/i);
  expect(code).toBe(0);
  const result = JSON.parse(io.stdoutText()) as { findings: { rule: string }[]; notices: { message: string }[] };
  const rules = result.findings.map((f) => f.rule);
  // The review really ran: the built-in linter and the type checker both found the new problems
  // (the type checker only where the tsconfig chain could be followed: otherwise the options would be guesses).
  const typeChecked = !result.notices.some((n) => /not type-checked/.test(n.message));
  expect(rules).toEqual(expect.arrayContaining(["eslint/prefer-const", ...(typeChecked ? ["ts/TS2322"] : [])]));
  expect(existsSync(path.join(temp.dir, "node_modules", ".package-lock.json"))).toBe(false);
  return { rules, notices: result.notices.map((n) => n.message), canaries: canaries(temp.dir) };
}

describe("a repository under review is data, never code (one canary per route)", () => {
  it("reviews the bundled hostile repository (every route at once) and no marker is written", async () => {
    const temp = createTempRepo();
    repo = temp;
    cpSync(FIXTURE, temp.dir, { recursive: true });
    temp.git("add", "-A");
    temp.git("commit", "-q", "-m", "base");
    temp.git("checkout", "-q", "-b", "feature");
    temp.commit({ "src/index.ts": readFileSync(path.join(FIXTURE, "src/index.head.ts.txt"), "utf8") });

    const io = captureIo(temp.dir);
    const code = await runCli(["review", "--base", "main", "--head", "feature", "--format", "json"], io, noModelDeps);

    expect(io.stderrText()).not.toMatch(/unexpected error/);
    expect(code).toBe(0);
    const result = JSON.parse(io.stdoutText()) as { findings: { rule: string }[]; notices: { message: string }[] };
    // Its tsconfig extends a file outside the repository: linted, not type-checked, and the review says why.
    expect(result.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(["eslint/prefer-const"]));
    expect(result.findings.map((f) => f.rule)).not.toContain("ts/TS2322");
    expect(result.notices.map((n) => n.message).join("\n")).toMatch(/tsconfig\.json: .*evil-config.*could not be followed/);
    expect(result.notices.map((n) => n.message).join("\n")).toMatch(/not type-checked/);
    expect(canaries(temp.dir)).toEqual([]);
    expect(existsSync(path.join(temp.dir, "node_modules"))).toBe(false);
  });

  it("never loads eslint.config.js, .mjs, .cjs, .ts, .mts or .cts", async () => {
    const result = await reviewHostile({
      "eslint.config.js": esmCanary("eslint-config-js"),
      "eslint.config.mjs": esmCanary("eslint-config-mjs"),
      "eslint.config.cjs": cjsCanary("eslint-config-cjs"),
      "eslint.config.ts": esmCanary("eslint-config-ts"),
      "eslint.config.mts": esmCanary("eslint-config-mts"),
      "eslint.config.cts": cjsCanary("eslint-config-cts"),
      "package.json": '{ "name": "hostile", "type": "module" }\n',
    });
    expect(result.canaries).toEqual([]);
  });

  it("never loads a legacy .eslintrc, its plugins or its parser", async () => {
    const result = await reviewHostile({
      ".eslintrc.js": cjsCanary("eslintrc-js"),
      ".eslintrc.cjs": cjsCanary("eslintrc-cjs"),
      ".eslintrc.json": '{ "plugins": ["evil"], "parser": "./evil-parser.cjs", "extends": ["plugin:evil/all"] }\n',
      "evil-parser.cjs": cjsCanary("eslint-parser"),
      "node_modules/eslint-plugin-evil/package.json": '{ "name": "eslint-plugin-evil", "main": "index.js" }\n',
      "node_modules/eslint-plugin-evil/index.js": cjsCanary("eslint-plugin"),
    });
    expect(result.canaries).toEqual([]);
  });

  it("never loads a TypeScript language-service plugin named in tsconfig.json, by path or by package", async () => {
    const result = await reviewHostile({
      "tsconfig.json": '{ "compilerOptions": { "strict": true, "plugins": [{ "name": "./evil-plugin.cjs" }, { "name": "evil-ts-plugin" }] } }\n',
      "evil-plugin.cjs": cjsCanary("ts-plugin-path"),
      "node_modules/evil-ts-plugin/package.json": '{ "name": "evil-ts-plugin", "main": "index.js" }\n',
      "node_modules/evil-ts-plugin/index.js": cjsCanary("ts-plugin-package"),
    });
    expect(result.canaries).toEqual([]);
  });

  it("never follows tsconfig extends outside the repository (a parent folder, an absolute path, a package), and says so", async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), "patchsmith-outside-"));
    try {
      writeFileSync(path.join(outside, "tsconfig.json"), `{ "compilerOptions": { "plugins": [{ "name": "${path.join(outside, "plugin.cjs")}" }] } }\n`);
      writeFileSync(path.join(outside, "plugin.cjs"), cjsCanary("outside-plugin"));
      const result = await reviewHostile({
        "tsconfig.json": `{ "extends": ["../../outside/tsconfig.json", "${path.join(outside, "tsconfig.json")}", "@evil/tsconfig"], "compilerOptions": { "strict": true } }\n`,
        "node_modules/@evil/tsconfig/tsconfig.json": '{ "compilerOptions": { "plugins": [{ "name": "evil-ts-plugin" }] } }\n',
      });
      expect(result.canaries).toEqual([]);
      expect(canaries(outside)).toEqual([]);
      expect(result.notices.join("\n")).toMatch(/tsconfig\.json: .*(outside|@evil).*could not be followed/);
      expect(result.rules).not.toContain("ts/TS2322");
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("never runs package scripts (lifecycle, test, lint, build)", async () => {
    const scripts = Object.fromEntries(["preinstall", "install", "postinstall", "prepare", "prepublish", "pretest", "test", "lint", "build", "typecheck"].map((name) => [name, shellCanary(`script-${name}`)]));
    const result = await reviewHostile({ "package.json": `${JSON.stringify({ name: "hostile", scripts }, null, 2)}\n` });
    expect(result.canaries).toEqual([]);
  });

  it("never installs dependencies: a file: dependency with an install script stays uninstalled", async () => {
    const result = await reviewHostile({
      "package.json": `${JSON.stringify({ name: "hostile", dependencies: { canary: "file:./canary-pkg" }, devDependencies: { typescript: "5.9.3" } })}\n`,
      "canary-pkg/package.json": `${JSON.stringify({ name: "canary", version: "1.0.0", scripts: { install: shellCanary("npm-install") } })}\n`,
      ".npmrc": "script-shell=/bin/sh\nignore-scripts=false\n",
    });
    expect(result.canaries).toEqual([]);
    expect(existsSync(path.join(repo?.dir ?? "", "node_modules"))).toBe(false);
  });

  it("never imports the repository's modules: static, dynamic, require and side-effect imports", async () => {
    const result = await reviewHostile({
      "src/index.ts": `import "./side-effect.js";\nimport { loaded } from "./loaded.js";\nimport { createRequire } from "node:module";\nexport async function boot(): Promise<unknown> {\n  createRequire(import.meta.url)("./required.cjs");\n  return [loaded, await import("./dynamic.js")];\n}\n${BASE_SOURCE}`,
      "src/side-effect.ts": esmCanary("import-side-effect"),
      "src/loaded.ts": `${esmCanary("import-static")}export const loaded = true;\n`,
      "src/dynamic.ts": esmCanary("import-dynamic"),
      "src/required.cjs": cjsCanary("require"),
      "src/types.d.ts": "/// <reference path=\"./side-effect.ts\" />\n",
    });
    expect(result.canaries).toEqual([]);
  });

  it("never loads other tools' configuration files (Prettier, Babel, Jest, Vitest, PostCSS)", async () => {
    const result = await reviewHostile({
      "prettier.config.js": esmCanary("prettier"),
      ".prettierrc.cjs": cjsCanary("prettierrc"),
      "babel.config.js": esmCanary("babel"),
      "jest.config.js": esmCanary("jest"),
      "vitest.config.ts": esmCanary("vitest"),
      "postcss.config.cjs": cjsCanary("postcss"),
    });
    expect(result.canaries).toEqual([]);
  });

  it("never runs git hooks, diff drivers, textconv or filters configured in the checkout", async () => {
    const result = await reviewHostile({ ".gitattributes": "*.ts diff=evil filter=evil\n" }, (temp) => {
      const marker = (name: string) => `sh -c 'touch "${path.join(temp.dir, `PWNED-${name}`)}"; cat'`;
      temp.git("config", "diff.evil.textconv", marker("textconv"));
      temp.git("config", "diff.evil.command", marker("diff-driver"));
      temp.git("config", "diff.external", marker("diff-external"));
      temp.git("config", "filter.evil.clean", marker("filter-clean"));
      temp.git("config", "filter.evil.smudge", marker("filter-smudge"));
      temp.git("config", "core.fsmonitor", marker("fsmonitor"));
      temp.git("config", "core.pager", marker("pager"));
      for (const hook of ["post-checkout", "pre-commit", "reference-transaction", "post-index-change", "pre-auto-gc"]) {
        const file = path.join(temp.dir, ".git", "hooks", hook);
        writeFileSync(file, `#!/bin/sh\ntouch "${path.join(temp.dir, `PWNED-hook-${hook}`)}"\n`);
        chmodSync(file, 0o755);
      }
    });
    expect(result.canaries).toEqual([]);
  });

  it("keeps files read from GitHub in memory: hostile configs and modules are data the engine never evaluates", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "patchsmith-memory-"));
    try {
      const marker = (name: string) => path.join(dir, `PWNED-${name}`);
      const write = (name: string) => `require("node:fs").writeFileSync(${JSON.stringify(marker(name))}, "");\nmodule.exports = [];\n`;
      const base = { "src/index.ts": BASE_SOURCE, "eslint.config.js": write("eslint-config"), "evil-plugin.cjs": write("ts-plugin"), "src/side.ts": write("import"), "tsconfig.json": '{ "compilerOptions": { "plugins": [{ "name": "./evil-plugin.cjs" }] } }\n', "package.json": `{ "scripts": { "postinstall": "touch ${marker("postinstall")}" } }\n` };
      const head = { ...base, "src/index.ts": `import "./side.js";\n${HEAD_SOURCE}` };
      const result = await reviewChange({ base: memorySource(base), head: memorySource(head), diff: [appendedDiff("src/index.ts", "", head["src/index.ts"])], config: defaultRepoConfig });
      expect(result.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(["eslint/prefer-const", "ts/TS2322"]));
      expect(canaries(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("scans an extracted archive (the scheduled scan's route) without loading anything from it", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "patchsmith-scan-"));
    try {
      cpSync(FIXTURE, dir, { recursive: true });
      cpSync(path.join(FIXTURE, "src/index.head.ts.txt"), path.join(dir, "src/index.ts"));
      const io = captureIo(dir);
      const code = await runCli(["scan", dir, "--format", "json"], io, noModelDeps);
      expect(io.stderrText()).not.toMatch(/unexpected error/i);
      expect(code).toBe(0);
      expect(io.stdoutText()).toMatch(/prefer-const|TS2322/);
      const source = await createDirectoryFileSource({ dir, maxBytes: 1_000_000, maxFiles: 100 });
      expect(await source.listPaths()).toContain("eslint.config.js");
      expect(canaries(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the canaries are live (so their silence above means something)", () => {
  it("each kind of canary writes its marker when it is run", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "patchsmith-canary-"));
    try {
      writeFileSync(path.join(dir, "package.json"), '{ "type": "module" }\n');
      writeFileSync(path.join(dir, "esm.js"), esmCanary("esm"));
      writeFileSync(path.join(dir, "cjs.cjs"), cjsCanary("cjs"));
      execFileSync(process.execPath, [path.join(dir, "esm.js")]);
      execFileSync(process.execPath, [path.join(dir, "cjs.cjs")]);
      execFileSync("sh", ["-c", shellCanary("shell")], { cwd: dir });
      expect(canaries(dir).sort()).toEqual(["PWNED-cjs", "PWNED-esm", "PWNED-shell"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a plain `git diff` in the prepared checkout does run the textconv driver", () => {
    const temp = createTempRepo();
    repo = temp;
    temp.commit({ ".gitattributes": "*.ts diff=evil\n", "src/index.ts": BASE_SOURCE }, "base");
    temp.commit({ "src/index.ts": HEAD_SOURCE }, "change");
    temp.git("config", "diff.evil.textconv", `sh -c 'touch "${path.join(temp.dir, "PWNED-textconv")}"; cat "$0"'`);
    temp.git("diff", "HEAD~1", "HEAD");
    expect(canaries(temp.dir)).toEqual(["PWNED-textconv"]);
  });
});
