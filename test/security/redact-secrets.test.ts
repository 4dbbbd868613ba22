import { describe, expect, it } from "vitest";
import { redactSecrets } from "../../src/security/redact-secrets.js";

const R = "[redacted secret]";

describe("redactSecrets", () => {
  it.each([
    ["a classic GitHub token", "ghp_0123456789abcdefghijABCDEFGHIJklmnop"],
    ["a GitHub OAuth token", "gho_0123456789abcdefghijABCDEFGHIJklmnop"],
    ["a GitHub App installation token", "ghs_0123456789abcdefghijABCDEFGHIJklmnop"],
    ["a GitHub user-to-server token", "ghu_0123456789abcdefghijABCDEFGHIJklmnop"],
    ["a fine-grained GitHub token", "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUV"],
    ["an AWS access key id", "AKIAIOSFODNN7EXAMPLE"],
    ["a Slack bot token", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"],
    ["a Slack webhook", "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"],
    ["an npm token", "npm_abcdefghijklmnopqrstuvwxyz0123456789"],
    ["a Stripe live key", "sk_live_0123456789abcdefABCDEF"],
    ["a Google API key", "AIzaSyA0123456789abcdefghijklmnopqrstuv"],
    ["a JWT", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"],
  ])("redacts %s", (_name, secret) => {
    const out = redactSecrets(`before ${secret} after`);
    expect(out).toBe(`before ${R} after`);
  });

  it("redacts a token glued to other text", () => {
    expect(redactSecrets("xghp_0123456789abcdefghijABCDEFGHIJklmnop")).toBe(`x${R}`);
  });

  it("redacts a whole private key block, and an unterminated one to the end", () => {
    const key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\nabc\n-----END RSA PRIVATE KEY-----";
    expect(redactSecrets(`key:\n${key}\nafter`)).toBe(`key:\n${R}\nafter`);
    expect(redactSecrets("x -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\nmore")).toBe(`x ${R}`);
  });

  it("redacts the password in a connection string, keeping the user and host", () => {
    expect(redactSecrets("postgres://admin:hunter2@db.internal:5432/app")).toBe(`postgres://admin:${R}@db.internal:5432/app`);
    expect(redactSecrets("mongodb+srv://u:p%40ss@cluster0.example.net")).toBe(`mongodb+srv://u:${R}@cluster0.example.net`);
  });

  it("redacts password= and friends in connection strings, query strings and .env files", () => {
    expect(redactSecrets("Server=db;User Id=sa;Password=hunter2;")).toBe(`Server=db;User Id=sa;Password=${R};`);
    expect(redactSecrets("https://x.example/?user=a&password=hunter2&x=1")).toBe(`https://x.example/?user=a&password=${R}&x=1`);
    expect(redactSecrets("API_KEY=abc123def")).toBe(`API_KEY=${R}`);
  });

  it("redacts quoted secrets in code and config", () => {
    expect(redactSecrets('const config = { password: "hunter22", apiKey: \'abcd1234\' };')).toBe(`const config = { password: "${R}", apiKey: '${R}' };`);
    expect(redactSecrets('{"client_secret": "s3cr3t-value"}')).toBe(`{"client_secret": "${R}"}`);
  });

  it("redacts bearer credentials", () => {
    expect(redactSecrets("Authorization: Bearer abcdefghijklmnop.qrstuvwxyz")).toBe(`Authorization: Bearer ${R}`);
  });

  it("leaves ordinary code alone", () => {
    const code = 'interface User { password: string }\nconst token = getToken();\nif (password === "") throw new Error("empty");\nconst task = "risk-assessment-service-handler";';
    expect(redactSecrets(code)).toBe(code);
  });

  it("is idempotent", () => {
    const once = redactSecrets("password=ghp_0123456789abcdefghijABCDEFGHIJklmnop postgres://a:b@c");
    expect(redactSecrets(once)).toBe(once);
    expect(once).toBe(`password=${R} postgres://a:${R}@c`);
  });
});
