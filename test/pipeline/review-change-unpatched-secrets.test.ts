import { afterAll, describe, expect, it } from "vitest";
import { defaultRepoConfig, type RepoConfig } from "../../src/config/repo-config.js";
import { parseFilePatch } from "../../src/diff/parse-file-patch.js";
import { parseUnifiedDiff } from "../../src/diff/parse-unified-diff.js";
import { reviewChange } from "../../src/pipeline/review-change.js";
import type { ReviewChangeParams, ReviewChangeResult } from "../../src/pipeline/review-types.js";
import { createThreadedReviewChange } from "../../src/pipeline/worker/create-threaded-review-change.js";
import type { FileSource } from "../../src/types.js";
import { decodeFile } from "../../src/workspace/decode-file.js";
import { fakeCredentials } from "../security/fake-credentials.js";
import { recordCalls } from "./worker/memory-source.js";
import { SHAPE_BASE, SHAPE_DIFF, SHAPE_HEAD } from "../review/shape-change.js";

/**
 * GitHub lists a file without a patch when its diff is too large to show.
 * Its added lines are recovered from its base and head versions and scanned
 * for secrets like any other added lines.
 */

/** Per-file limit of the sources below, as `maxFileBytes` makes a real source skip a file. */
const MAX_FILE_BYTES = 2_000;

/** A FileSource over files in memory that decodes them like the real ones (size limit included). */
function source(files: Readonly<Record<string, string>>, description: string): FileSource {
  return {
    description,
    readText: (path) => {
      const text = files[path];
      return Promise.resolve(text === undefined ? { kind: "missing" } : decodeFile(path, Buffer.from(text, "utf8"), MAX_FILE_BYTES));
    },
    listPaths: () => Promise.resolve(Object.keys(files)),
  };
}

const now = fakeCredentials(29);
const env = fakeCredentials(37);
const old = fakeCredentials(41);


const BIG_BASE = ['export const region = "eu-west-1";', `export const legacyToken = "${old.githubToken}";`, "export const retries = 3;", ""].join("\n");
// A line moved, the old token kept, two credentials added.
const BIG_HEAD = [
  "export const retries = 3;",
  'export const region = "eu-west-1";',
  `export const legacyToken = "${old.githubToken}";`,
  `export const awsKeyId = "${now.awsAccessKeyId}";`,
  `export const aws_secret_access_key = "${now.awsSecretAccessKey}";`,
  "",
].join("\n");
const ENV_BASE = `APP_NAME=demo\nDB_PASSWORD=${old.databasePassword}\n`;
// Saved with CRLF line endings now: the old lines are still old.
const ENV_HEAD = `APP_NAME=demo\r\nDB_PASSWORD=${old.databasePassword}\r\nAWS_ACCESS_KEY_ID=${env.awsAccessKeyId}\r\nAWS_SECRET_ACCESS_KEY=${env.awsSecretAccessKey}\r\n`;
const HUGE = `name: huge\n${"# padding\n".repeat(300)}`;

const SECRETS = [now.awsAccessKeyId, now.awsSecretAccessKey, env.awsAccessKeyId, env.awsSecretAccessKey, old.githubToken, old.databasePassword];

const unpatched = (path: string, status = "modified") => parseFilePatch({ path, status });

function fixture(config: RepoConfig = defaultRepoConfig): ReviewChangeParams {
  return {
    base: recordCalls(source({ "src/shape.ts": SHAPE_BASE, "src/big.ts": BIG_BASE, "config/prod.env": ENV_BASE, "config/huge.yml": "name: huge\n" }, "memory:base")),
    head: recordCalls(source({ "src/shape.ts": SHAPE_HEAD, "src/big.ts": BIG_HEAD, "config/prod.env": ENV_HEAD, "config/huge.yml": HUGE }, "memory:head")),
    diff: [...parseUnifiedDiff(SHAPE_DIFF).files, unpatched("src/big.ts"), unpatched("config/prod.env"), unpatched("config/huge.yml")],
    config,
  };
}

const secretFindings = (result: ReviewChangeResult) => result.findings.filter((f) => f.rule.startsWith("secret/")).map((f) => `${f.path}:${f.startLine}-${f.line} ${f.severity} ${f.rule}`);

function expectNoSecretIn(result: ReviewChangeResult): void {
  const text = JSON.stringify(result);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe("reviewChange on files GitHub lists without a patch", () => {
  it("reports the secrets on the lines the head added, in the body only, never the values, and goes on with the rest", async () => {
    const result = await reviewChange(fixture());

    expect(secretFindings(result)).toEqual([
      "config/prod.env:3-3 error secret/aws-access-key-id",
      "config/prod.env:4-4 error secret/aws-secret-access-key",
      "src/big.ts:4-4 error secret/aws-access-key-id",
      "src/big.ts:5-5 error secret/aws-secret-access-key",
    ]);
    const secret = result.findings.filter((f) => f.rule.startsWith("secret/"));
    expect(secret.map((f) => f.suggestion)).toEqual([undefined, undefined, undefined, undefined]);
    expect(secret.find((f) => f.path === "src/big.ts" && f.line === 4)?.message).toMatch(/^An AWS access key id is committed here\. .*revoke or rotate it now/);
    expect(secret.find((f) => f.path === "config/prod.env" && f.line === 4)?.message).toContain("set it in the deployment's environment (`AWS_SECRET_ACCESS_KEY`)");

    // No line is in a hunk, so none is an inline comment: the body lists them all.
    expect(result.comments.filter((c) => c.path !== "src/shape.ts")).toEqual([]);
    expect(result.overflow.filter((f) => f.rule.startsWith("secret/"))).toHaveLength(4);
    expect(result.body).toContain("#### Not posted inline");
    for (const where of ["config/prod.env:3", "config/prod.env:4", "src/big.ts:4", "src/big.ts:5"]) expect(result.body).toContain(`\`${where}\` **error**`);
    expect(result.body).toContain("`secret/aws-access-key-id`: An AWS access key id is committed here.");
    // Four secrets and the prefer-const error of src/shape.ts.
    expect(result.body).toMatch(/Changes needed:\*\* 4 errors and 1 warning/);

    // The big script is still not checked with ESLint and TypeScript, and the review says secrets were looked for.
    expect(result.skipped).toContainEqual({ path: "src/big.ts", reason: expect.stringMatching(/too large for GitHub to show.*secrets were still looked for/) as unknown });

    // A file over the per-file limit: a notice naming it and why; the review went on.
    const huge = result.notices.filter((n) => n.path === "config/huge.yml");
    expect(huge).toHaveLength(1);
    expect(huge[0]?.message).toMatch(/^Secrets were not looked for in config\/huge\.yml: GitHub shows no diff for it, and its head version could not be read \(config\/huge\.yml is 3\.0 kB, over the 2\.0 kB limit/);
    expect(result.body).toContain("Secrets were not looked for in config/huge.yml");
    expect(result.findings.map((f) => `${f.path}:${f.line} ${f.rule}`)).toContain("src/shape.ts:6 eslint/prefer-const");
    expect(result.comments.map((c) => c.path)).toEqual(["src/shape.ts"]);

    expectNoSecretIn(result);
  });

  it("reads an added file whole, a renamed one against its old path, and names a file missing at head", async () => {
    const params: ReviewChangeParams = {
      base: source({ "config/old.env": ENV_BASE }, "memory:base"),
      head: source({ "config/new.env": ENV_HEAD, "config/added.env": `TOKEN_NAME=x\nNPM_TOKEN=${env.npmToken}\n` }, "memory:head"),
      diff: [parseFilePatch({ path: "config/new.env", previousPath: "config/old.env", status: "renamed" }), unpatched("config/added.env", "added"), unpatched("config/gone.env")],
      config: defaultRepoConfig,
    };
    const result = await reviewChange(params);
    expect(secretFindings(result)).toEqual([
      "config/added.env:2-2 error secret/npm-token",
      "config/new.env:3-3 error secret/aws-access-key-id",
      "config/new.env:4-4 error secret/aws-secret-access-key",
    ]);
    expect(result.notices).toEqual([{ path: "config/gone.env", message: "Secrets were not looked for in config/gone.env: GitHub shows no diff for it, and it is not in the head revision. Check it for credentials locally." }]);
    expect(JSON.stringify(result)).not.toContain(env.npmToken);
  });

  it("shares the review's read budget: a file past it gets a notice naming the limit, and the rest of the review still happens", async () => {
    // Room for src/shape.ts and src/big.ts at base and head (the review loads them), not for the env file.
    const loaded = [SHAPE_BASE, SHAPE_HEAD, BIG_BASE, BIG_HEAD].reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    const config: RepoConfig = { ...defaultRepoConfig, limits: { ...defaultRepoConfig.limits, maxTotalBytes: loaded + 20 } };
    const result = await reviewChange(fixture(config));

    expect(secretFindings(result)).toEqual(["src/big.ts:4-4 error secret/aws-access-key-id", "src/big.ts:5-5 error secret/aws-secret-access-key"]);
    const messages = result.notices.map((n) => n.message);
    expect(messages).toContainEqual(expect.stringMatching(/^Secrets were not looked for in config\/prod\.env: .*the review reached its limit of .* \(`limits\.maxTotalBytes` in/));
    expect(messages).toContainEqual(expect.stringMatching(/^Limit hit: the review read its limit of \d+ bytes of file contents \(`limits\.maxTotalBytes`.*secrets were not looked for/));
    expect(messages.filter((m) => m.startsWith("Limit hit: the review read"))).toHaveLength(1);
    expect(result.findings.map((f) => `${f.path}:${f.line} ${f.rule}`)).toContain("src/shape.ts:6 eslint/prefer-const");
    expectNoSecretIn(result);
  });

  describe("in the threaded engine", () => {
    const engine = createThreadedReviewChange({ poolSize: 1 });
    afterAll(() => engine.close());

    it("reads the files through the main thread's sources and gives the in-thread result", async () => {
      const inThread = fixture();
      const threaded = fixture();
      const expected = await reviewChange(inThread);
      const result = await engine(threaded);
      const withoutTimings = (r: ReviewChangeResult) => ({ ...r, stats: { ...r.stats, timings: {} } });
      expect(withoutTimings(result)).toStrictEqual(withoutTimings(expected));
      expect(secretFindings(result)).toHaveLength(4);
      expect((threaded.head as ReturnType<typeof recordCalls>).calls).toEqual((inThread.head as ReturnType<typeof recordCalls>).calls);
      expect((threaded.head as ReturnType<typeof recordCalls>).calls).toContain("readText config/prod.env");
    });
  });
});
