import { generateKeyPairSync } from "node:crypto";
import { Probot, ProbotOctokit } from "probot";

let privateKey: string | undefined;

/** An RSA key for signing the app's JWTs (made once per test file; never a real key). */
export function testPrivateKey(): string {
  privateKey ??= generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey;
  return privateKey;
}

/**
 * A real Probot instance as Probot's docs test apps: app id 123, a generated
 * key, Octokit's retry and throttling off so every request is exactly one nock
 * interceptor, and quiet logs.
 */
export function createTestProbot(): Probot {
  return new Probot({
    appId: 123,
    privateKey: testPrivateKey(),
    secret: "test-secret",
    logLevel: "fatal",
    // A function, not an object: Probot 14 merges its own throttle options over an object's, which
    // would leave throttling on (and every write 1 s apart); a function sees the merged options last.
    Octokit: ProbotOctokit.defaults((options: Record<string, unknown>) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } })),
  });
}
