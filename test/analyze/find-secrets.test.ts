import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findSecrets } from "../../src/analyze/find-secrets.js";
import { fakeCredentials, fakePrivateKey } from "../security/fake-credentials.js";

const c = fakeCredentials();
const lines = (...texts: string[]) => texts.map((text, index) => ({ line: index + 1, text }));
const one = (text: string, config = false) => findSecrets(lines(text), { config });

describe("findSecrets: credentials are found", () => {
  it.each([
    ["a GitHub personal token", `const token = "${c.githubToken}";`, "github-token", c.githubToken, "GITHUB_TOKEN"],
    ["a GitHub installation token in a header", `headers: { authorization: \`token ${c.installationToken}\` },`, "github-token", c.installationToken, "GITHUB_TOKEN"],
    ["a fine-grained GitHub token", `const pat = '${c.fineGrainedToken}';`, "github-token", c.fineGrainedToken, "PAT"],
    ["an AWS access key id", `const awsAccessKeyId = "${c.awsAccessKeyId}";`, "aws-access-key-id", c.awsAccessKeyId, "AWS_ACCESS_KEY_ID"],
    ["an AWS secret access key", `const aws_secret_access_key = "${c.awsSecretAccessKey}";`, "aws-secret-access-key", c.awsSecretAccessKey, "AWS_SECRET_ACCESS_KEY"],
    ["a Slack token", `slack.auth("${c.slackToken}")`, "slack-token", c.slackToken, "SLACK_TOKEN"],
    ["a Stripe live key", `const stripeSecretKey = '${c.stripeKey}';`, "stripe-key", c.stripeKey, "STRIPE_SECRET_KEY"],
    ["a Google API key", `maps.load({ key: "${c.googleApiKey}" });`, "google-api-key", c.googleApiKey, "GOOGLE_API_KEY"],
    ["an npm token", `//registry.npmjs.org/:_authToken=${c.npmToken}`, "npm-token", c.npmToken, "AUTH_TOKEN"],
    ["an OpenAI key", `new OpenAI({ apiKey: "${c.openAiKey}" })`, "openai-key", c.openAiKey, "API_KEY"],
    ["an Anthropic key", `const anthropicKey = "${c.anthropicKey}";`, "anthropic-key", c.anthropicKey, "ANTHROPIC_KEY"],
    ["a SendGrid key", `sgMail.setApiKey("${c.sendgridKey}");`, "sendgrid-key", c.sendgridKey, "SENDGRID_API_KEY"],
    ["a JSON Web Token", `const session = "${c.jwt}";`, "jwt", c.jwt, "SESSION"],
    ["a password in a Postgres URL", `const databaseUrl = "postgres://app:${c.databasePassword}@db.prod.internal:5432/app";`, "connection-string", c.databasePassword, "DATABASE_URL"],
    ["a password in a MongoDB SRV URL", `mongoose.connect("mongodb+srv://admin:${c.databasePassword}@cluster0.abcde.mongodb.net/shop");`, "connection-string", c.databasePassword, "MONGODB_URI"],
    ["a password in a Redis URL without a user", `const redis = new Redis("redis://:${c.databasePassword}@cache.internal:6379");`, "connection-string", c.databasePassword, "REDIS_URL"],
    ["a password in an ADO.NET connection string", `const conn = "Server=tcp:sql.internal;Database=shop;User ID=sa;Password=${c.password};";`, "connection-string", c.password, "CONNECTION_STRING"],
    ["an Azure storage account key", `const storage = "DefaultEndpointsProtocol=https;AccountName=shop;AccountKey=${c.azureAccountKey};EndpointSuffix=core.windows.net";`, "connection-string", c.azureAccountKey, "STORAGE"],
    ["a password in an object", `const options = { user: "app", password: "${c.password}" };`, "password", c.password, "PASSWORD"],
    ["a password compared with a literal", `if (password === "${c.password}") return true;`, "password", c.password, "PASSWORD"],
    ["a client secret in JSON", `{ "client_secret": "${c.awsSecretAccessKey}" }`, "secret", c.awsSecretAccessKey, "CLIENT_SECRET"],
    ["a bearer credential", `fetch(url, { headers: { Authorization: "Bearer ${c.bearer}" } });`, "bearer-token", c.bearer, "API_TOKEN"],
  ])("finds %s", (_name, text, kind, value, envName) => {
    const hits = one(text);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ line: 1, endLine: 1, kind, value, envName });
    expect(text.slice(hits[0]!.column - 1, hits[0]!.column - 1 + value.length)).toBe(value);
  });

  it.each([
    ["a .env password", `DB_PASSWORD=${c.password}`, "password", "DB_PASSWORD"],
    ["a YAML API key", `  api_key: ${c.awsSecretAccessKey}`, "api-key", "API_KEY"],
    ["an exported shell secret", `export STRIPE_SECRET_KEY=${c.stripeKey}`, "stripe-key", "STRIPE_SECRET_KEY"],
    ["an INI token", `auth_token = ${c.bearer}`, "token", "AUTH_TOKEN"],
  ])("finds %s in a configuration file, unquoted", (_name, text, kind, envName) => {
    expect(one(text, true)).toEqual([expect.objectContaining({ kind, envName })]);
  });

  it("finds a private key block over several lines, from its BEGIN line to its END line", () => {
    const key = fakePrivateKey().split("\n");
    const hits = findSecrets(lines("export const signingKey = `", ...key, "`;"));
    expect(hits).toEqual([expect.objectContaining({ kind: "private-key", line: 2, endLine: key.length + 1 })]);
  });

  it("finds a private key written on one line with \\n escapes (a service account file)", () => {
    const escaped = fakePrivateKey().replace(/\n/g, "\\n");
    const hits = one(`  "private_key": "${escaped}\\n",`, true);
    expect(hits).toEqual([expect.objectContaining({ kind: "private-key", line: 1, endLine: 1 })]);
    expect(hits[0]!.value).toContain("-----END RSA PRIVATE KEY-----");
  });

  it("finds a private key cut off by the edge of the diff", () => {
    const key = fakePrivateKey().split("\n").slice(0, 6);
    expect(findSecrets(lines(...key))).toEqual([expect.objectContaining({ kind: "private-key", line: 1, endLine: 6 })]);
  });

  it("reports each secret once, by its most specific rule, and several on one line", () => {
    const hits = one(`const config = { apiKey: "${c.stripeKey}", password: "${c.password}", url: "postgres://u:${c.databasePassword}@db.example.net/x" };`);
    expect(hits.map((hit) => hit.kind)).toEqual(["stripe-key", "password", "connection-string"]);
  });

  it("only looks at the lines it is given, keeping their numbers", () => {
    const hits = findSecrets([{ line: 41, text: "const a = 1;" }, { line: 42, text: `const token = "${c.githubToken}";` }]);
    expect(hits.map((hit) => hit.line)).toEqual([42]);
  });
});

describe("findSecrets: ordinary code is not flagged", () => {
  it.each([
    "password: string;",
    "const password = process.env.DB_PASSWORD;",
    'const passwordLabel = "Enter your password";',
    '<input type="password" name="password" />',
    "const token = await getToken();",
    "apiKey: config.apiKey,",
    'apiKey: "YOUR_API_KEY",',
    'const options = { password: "changeme" };',
    'password: "<password>",',
    "password: `${PASSWORD}`,",
    'const tokenType = "refresh_token";',
    'const sha = "3f786850e387550fdab836ed7e6dc881de23001b";',
    '"integrity": "sha512-Tcw2WR8V3Qgll9LoQHEmIw5SmeIHf3wLaM3BB7t3p0kUIv/dT5kFBhrv5VcYAQ+Qmo+mZNuvBfd7umGpd8OvNw==",',
    'const id = "123e4567-e89b-12d3-a456-426614174000";',
    'const url = "postgres://user:password@localhost:5432/app";',
    'const url = "postgres://app:s3cretPassw0rd@localhost:5432/app";',
    "const url = `postgres://app:${process.env.DB_PASSWORD}@db/app`;",
    'const docs = "AKIAIOSFODNN7EXAMPLE";',
    'const HEADER = "-----BEGIN PRIVATE KEY-----";',
    'const placeholder = "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";',
    "const secret = secrets.API_KEY;",
    "const maxTokens = 2048;",
    'if (token === "EOF") break;',
    'password: "********",',
    "const passwordMinLength = 8;",
    "csrfToken: req.csrfToken(),",
    'const secretName = "prod/db/password";',
    'const re = /password=([^&]+)/;',
    'const query = "user=" + user + "&password=" + password;',
    '"@octokit/auth-token": "^6.0.0",',
    'const sessionToken = "usertoken123";',
    'const nextToken = "?NonExpressionParenEnd";',
    "// Set GITHUB_TOKEN before running the tests.",
  ])("does not flag %s", (text) => {
    expect(one(text)).toEqual([]);
  });

  it.each(["LOG_LEVEL=info", "PASSWORD_RESET_PATH=/reset", "API_KEY=${API_KEY}", "password: !vault |", "DB_PASSWORD=", "secret: changeme", "token: ${{ secrets.GITHUB_TOKEN }}"])(
    "does not flag %s in a configuration file",
    (text) => {
      expect(one(text, true)).toEqual([]);
    },
  );

  it("finds nothing in patchsmith's own source and demo, 300 files of ordinary TypeScript", () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const found: string[] = [];
    let files = 0;
    for (const dir of ["src", "demo"]) {
      for (const entry of readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !/\.(?:ts|js|json)$/.test(entry.name)) continue;
        const file = path.join(entry.parentPath, entry.name);
        const text = readFileSync(file, "utf8");
        files += 1;
        for (const hit of findSecrets(lines(...text.split("\n")))) found.push(`${path.relative(root, file)}:${hit.line} ${hit.kind}`);
      }
    }
    expect(files).toBeGreaterThan(100);
    expect(found).toEqual([]);
  });

  it("stays fast on a hostile line: a 100,000-character minified line with many near-misses", () => {
    const line = `${'a="x=\'y:"'.repeat(5000)}password="${"p".repeat(50_000)}`;
    // No timing assertion: a catastrophic pattern would not finish at all within the test's time-out.
    expect(one(line)).toEqual([]);
  });
});
