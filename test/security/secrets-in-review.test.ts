import { describe, expect, it } from "vitest";
import { defaultRepoConfig } from "../../src/config/repo-config.js";
import { createScriptedGenerator } from "../../src/llm/scripted-generator.js";
import { reviewChange } from "../../src/pipeline/review-change.js";
import { fakeCredentials, fakePrivateKey } from "./fake-credentials.js";
import { reviewOf } from "./review-fixture.js";

const c = fakeCredentials(11);
const BASE = 'export function endpoint(): string {\n  return "https://api.example.com";\n}\n';

/** Everything a review would post or print: comments, the body, every finding's text and suggestion. */
function everything(result: Awaited<ReturnType<typeof reviewChange>>): string {
  return JSON.stringify(result);
}

describe("secrets in the diff", () => {
  it("reports a token on an added line as an error with a validated process.env suggestion, never repeating it", async () => {
    const head = `${BASE}\nexport function client(): { token: string | undefined } {\n  const token = "${c.githubToken}";\n  return { token };\n}\n`;
    const result = await reviewChange(reviewOf({ "src/client.ts": [BASE, head] }));

    const finding = result.findings.find((f) => f.rule === "secret/github-token");
    expect(finding).toMatchObject({ path: "src/client.ts", line: 6, severity: "error" });
    expect(finding?.suggestion?.edit.replacement).toBe("  const token = process.env.GITHUB_TOKEN;");
    const comment = result.comments.find((cm) => cm.body.includes("secret/github-token"));
    expect(comment?.body).toContain("```suggestion\n  const token = process.env.GITHUB_TOKEN;\n```");
    expect(comment?.body).toMatch(/A GitHub token is committed here\..*revoke or rotate it now/);
    expect(everything(result)).not.toContain(c.githubToken);
  });

  it("gives plain advice when reading the environment would not type-check, and still never repeats the secret", async () => {
    // A literal in a type position: \`process.env.X\` there is a syntax error, so the edit cannot validate.
    const head = `${BASE}\nexport type StripeKey = "${c.stripeKey}";\n`;
    const result = await reviewChange(reviewOf({ "src/pay.ts": [BASE, head] }));
    const finding = result.findings.find((f) => f.rule === "secret/stripe-key");
    expect(finding?.suggestion).toBeUndefined();
    expect(finding?.advice).toMatch(/did not pass ESLint and TypeScript/);
    expect(result.comments.some((cm) => cm.body.includes("```suggestion"))).toBe(false);
    expect(everything(result)).not.toContain(c.stripeKey);
  });

  it("finds credentials in configuration files, which are not otherwise analysed, and comments on them", async () => {
    const env = `DATABASE_URL=postgres://app:${c.databasePassword}@db.prod.internal/app\nAWS_SECRET_ACCESS_KEY=${c.awsSecretAccessKey}\nLOG_LEVEL=info\n`;
    const result = await reviewChange(reviewOf({ "deploy/.env.production": [undefined, env] }));
    expect(result.findings.map((f) => [f.rule, f.line])).toEqual([
      ["secret/connection-string", 1],
      ["secret/aws-secret-access-key", 2],
    ]);
    expect(result.comments.map((cm) => cm.path)).toEqual(["deploy/.env.production", "deploy/.env.production"]);
    expect(result.comments[0]?.body).toContain("set it in the deployment's environment (`DATABASE_URL`)");
    expect(everything(result)).not.toContain(c.databasePassword);
    expect(everything(result)).not.toContain(c.awsSecretAccessKey);
  });

  it("reports a private key block once, over its lines, without a suggestion", async () => {
    const key = fakePrivateKey();
    const head = `${BASE}\nexport const signingKey = \`${key}\`;\n`;
    const result = await reviewChange(reviewOf({ "src/sign.ts": [BASE, head] }));
    const finding = result.findings.find((f) => f.rule === "secret/private-key");
    expect(finding).toMatchObject({ startLine: 5, line: 5 + key.split("\n").length - 1 });
    expect(finding?.suggestion).toBeUndefined();
    for (const line of key.split("\n").slice(1, -1)) expect(everything(result)).not.toContain(line);
  });

  it("withholds another fix's suggestion that would repeat the secret", async () => {
    // prefer-const would suggest \`const password = "<secret>"\`.
    const head = `${BASE}\nexport function login(): string {\n  let password = "${c.password}";\n  return password;\n}\n`;
    const result = await reviewChange(reviewOf({ "src/login.ts": [BASE, head] }));
    const preferConst = result.findings.find((f) => f.rule === "eslint/prefer-const");
    expect(preferConst?.suggestion).toBeUndefined();
    expect(preferConst?.advice).toMatch(/withheld because its code holds a secret/);
    expect(result.body).toMatch(/1 suggested edit was withheld for safety/);
    expect(result.findings.find((f) => f.rule === "secret/password")).toMatchObject({ severity: "error", line: 6 });
    expect(everything(result)).not.toContain(c.password);
  });

  it("masks a diagnostic that quotes the secret", async () => {
    const head = `${BASE}\nexport const creds: { password: "a" } = { password: "${c.password}" };\n`;
    const result = await reviewChange(reviewOf({ "src/login.ts": [BASE, head] }));
    expect(result.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(["secret/password", "ts/TS2322"]));
    expect(result.findings.find((f) => f.rule === "ts/TS2322")?.message).toBe(`Type '"[redacted secret]"' is not assignable to type '"a"'.`);
    expect(everything(result)).not.toContain(c.password);
  });

  it("keeps secrets out of every prompt: the added line, a secret already in the file, the diagnostics and the PR description", async () => {
    const old = `${BASE}const legacyKey = "${c.awsAccessKeyId}";\nexport { legacyKey };\n`;
    const head = `${old}\nexport function connect(): string {\n  let url: number = "postgres://app:${c.databasePassword}@db.prod.internal/app";\n  return String(url);\n}\n`;
    const generator = createScriptedGenerator({
      answers: {
        review: Array.from({ length: 5 }, () => ({ findings: [{ startLine: 9, line: 9, quote: "let url: number", severity: "warning", category: "bug", message: "Say why.", edit: { startLine: 9, endLine: 9, replacement: "  const url = 1;" } }] })),
        fix: Array.from({ length: 5 }, () => ({ replacement: "  const url = 2;", explanation: "x" })),
      },
    });
    const result = await reviewChange({ ...reviewOf({ "src/db.ts": [old, head] }), generator, pr: { title: "Connect", body: `Uses ${c.githubToken} for now` } });
    expect(generator.calls.length).toBeGreaterThan(0);
    const prompts = generator.calls.map((call) => `${call.system}\n${call.user}`).join("\n");
    expect(prompts).toContain("[redacted secret]");
    for (const secret of [c.databasePassword, c.awsAccessKeyId, c.githubToken]) expect(prompts).not.toContain(secret);
    expect(everything(result)).not.toContain(c.databasePassword);
  });

  it("looks for secrets even in files over the files-per-review limit, and says the limit was hit", async () => {
    const config = { ...defaultRepoConfig, limits: { ...defaultRepoConfig.limits, maxFiles: 1 } };
    const files = {
      "src/a.ts": [undefined, "export const a = 1;\n"],
      "src/b.ts": [undefined, `export const apiToken = "${c.bearer}1";\n`],
    } as const;
    const result = await reviewChange(reviewOf(files, config));
    expect(result.skipped).toEqual([{ path: "src/b.ts", reason: "over the limit of 1 files per review" }]);
    expect(result.findings.map((f) => [f.path, f.rule])).toEqual([["src/b.ts", "secret/token"]]);
    expect(result.body).toContain("Limit hit: 1 changed file was not analysed, over the limit of 1 files per review (`limits.maxFiles`");
  });
});
