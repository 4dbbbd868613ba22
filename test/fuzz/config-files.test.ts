import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { InvalidSettingsError, readAppSettings } from "../../src/config/app-settings.js";
import { loadRepoConfig } from "../../src/config/load-repo-config.js";
import { InvalidConfigError, parseRepoConfig, parseRepoConfigYaml } from "../../src/config/repo-config.js";
import { InvalidLlmSettingsError } from "../../src/llm/errors/invalid-llm-settings-error.js";
import { readLlmSettings } from "../../src/llm/read-llm-settings.js";
import { readSecuritySettings } from "../../src/security/read-security-settings.js";
import { readCompilerOptions } from "../../src/workspace/read-compiler-options.js";
import { nockConfig } from "../helpers/nock-github.js";
import { mutateMany, randomText, seededRandom } from "./mutate.js";

const VALID_CONFIG = `include: ["src/**"]
ignore: ["**/*.gen.ts"]
maxComments: 10
severity: warning
drafts: false
failOn: error
maxFileBytes: 500000
limits: { maxFiles: 100, maxTotalBytes: 1000000, maxModelTokens: 5000 }
checks: { eslint: true, typescript: true, model: true, tests: false }
rules: { no-console: warn, prefer-const: off }
model:
  temperature: 0.2
  maxAttempts: 2
  keepUnvalidatedAdvice: false
scan: { enabled: true, schedule: "0 3 * * 1", openPullRequest: false }
`;
const BILLION_LAUGHS = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
ignore: [*g,*g,*g,*g,*g,*g,*g,*g,*g]
`;
const TSCONFIG = '{\n  // comment\n  "extends": "./base.json",\n  "compilerOptions": { "strict": true, "target": "ES2022", "paths": { "@/*": ["src/*"] }, "plugins": [{ "name": "x" }] },\n  "include": ["src"]\n}\n';

describe("fuzz: malformed configuration files", () => {
  it("parseRepoConfigYaml gives a config or an InvalidConfigError naming the field, for 1,500 mutated and random files", () => {
    const random = seededRandom(707);
    let invalid = 0;
    for (let round = 0; round < 1500; round += 1) {
      const text = round % 10 === 0 ? randomText(random, 300) : mutateMany(VALID_CONFIG, random);
      try {
        const config = parseRepoConfigYaml(text);
        expect(config.maxComments).toBeLessThanOrEqual(100);
        expect(config.limits.maxFiles).toBeLessThanOrEqual(3000);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidConfigError);
        expect((error as Error).message).toMatch(/^\.github\/patchsmith\.yml is not valid/);
        invalid += 1;
      }
    }
    expect(invalid).toBeGreaterThan(100);
  });

  it("parseRepoConfig rejects values of every wrong type with a clear error", () => {
    for (const value of [[], "text", 5, true, { maxComments: "5" }, { limits: [] }, { rules: { "no-console": "loud" } }, { checks: { eslint: "yes" } }, { unknown: 1 }]) {
      expect(() => parseRepoConfig(value)).toThrow(InvalidConfigError);
    }
  });

  it("a YAML alias bomb is refused quickly, whether parsed directly or read through Probot's config plugin", async () => {
    expect(() => parseRepoConfigYaml(BILLION_LAUGHS)).toThrow(InvalidConfigError);
    const repo = { owner: "o", repo: "r" };
    nockConfig(repo, BILLION_LAUGHS);
    const octokit = new ProbotOctokit({ auth: { token: "t" }, retry: { enabled: false }, throttle: { enabled: false } });
    await expect(loadRepoConfig({ octokit, ...repo })).rejects.toThrow(InvalidConfigError);
  });

  it("reading tsconfig.json never throws: 1,000 mutated files give options and, when broken, a notice", () => {
    const random = seededRandom(808);
    for (let round = 0; round < 1000; round += 1) {
      const files = new Map([["tsconfig.json", mutateMany(TSCONFIG, random)], ["base.json", round % 2 === 0 ? mutateMany('{ "extends": "./tsconfig.json" }', random) : "{}"]]);
      const result = readCompilerOptions({ configPath: "tsconfig.json", readFile: (p) => files.get(p), fileExists: (p) => files.has(p) });
      expect(result.options.noEmit).toBe(true);
      expect(result.options.plugins).toBeUndefined();
      for (const notice of result.notices) expect(notice.message).toMatch(/tsconfig\.json/);
    }
  });

  it("settings from the environment: any garbage gives a value or an error naming the variable", () => {
    const random = seededRandom(909);
    const names = ["PATCHSMITH_CONCURRENCY", "PATCHSMITH_WRITES_PER_MINUTE", "PATCHSMITH_MAX_PAYLOAD_BYTES", "PATCHSMITH_REVIEWS_PER_REPO_PER_HOUR", "PATCHSMITH_CONTEXT_SIZE", "PATCHSMITH_GPU", "PATCHSMITH_LLM_URL", "PATCHSMITH_THREADS"];
    for (let round = 0; round < 500; round += 1) {
      const name = names[round % names.length] ?? "";
      const value = round % 3 === 0 ? randomText(random, 12) : String(Math.floor(random() * 2e9) - 1e9);
      const env = { [name]: value };
      for (const [read, ErrorClass] of [[readAppSettings, InvalidSettingsError], [readSecuritySettings, InvalidSettingsError], [readLlmSettings, InvalidLlmSettingsError]] as const) {
        try {
          read(env);
        } catch (error) {
          expect(error).toBeInstanceOf(ErrorClass);
          expect((error as Error).message).toContain(name);
        }
      }
    }
  });
});
