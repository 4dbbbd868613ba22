import { describe, expect, it } from "vitest";
import { checkWebhookSecret } from "../../src/security/check-webhook-secret.js";
import { InsecureWebhookSecretError } from "../../src/security/insecure-webhook-secret-error.js";

describe("checkWebhookSecret", () => {
  it.each([[{}], [{ WEBHOOK_SECRET: "" }], [{ WEBHOOK_SECRET: "  " }], [{ WEBHOOK_SECRET: "development" }]])("throws in production for %o", (env) => {
    expect(() => checkWebhookSecret({ NODE_ENV: "production", ...env })).toThrow(InsecureWebhookSecretError);
  });

  it("allows a missing or default secret outside production, with a warning that says so", () => {
    expect(checkWebhookSecret({})).toMatch(/WEBHOOK_SECRET is not set: webhook signatures prove nothing.*never run like this with NODE_ENV=production/);
    expect(checkWebhookSecret({ NODE_ENV: "development", WEBHOOK_SECRET: "development" })).toMatch(/Probot's default/);
  });

  it("warns about a short secret and is silent about a long one", () => {
    expect(checkWebhookSecret({ NODE_ENV: "production", WEBHOOK_SECRET: "hunter2" })).toBe("WEBHOOK_SECRET is only 7 characters long; use at least 16 random characters (e.g. `openssl rand -hex 32`).");
    expect(checkWebhookSecret({ NODE_ENV: "production", WEBHOOK_SECRET: "3f9c1e0b7a5d4c2e8f6a1b3c5d7e9f00" })).toBeUndefined();
  });
});
