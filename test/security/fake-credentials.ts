import { generateKeyPairSync } from "node:crypto";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** A small seeded generator (mulberry32), so every run sees the same "random" credentials. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomText(random: () => number, length: number, alphabet = ALNUM): string {
  let text = "";
  for (let index = 0; index < length; index += 1) text += alphabet.charAt(Math.floor(random() * alphabet.length));
  return text;
}

/**
 * Credentials of the right shapes, made at run time (none is real, and none
 * sits in the repository as a literal a secret scanner would stop).
 */
export function fakeCredentials(seed = 7) {
  const random = seededRandom(seed);
  const text = (length: number, alphabet?: string) => randomText(random, length, alphabet);
  // Prefixes are joined from pieces so no credential-shaped literal sits in this file.
  const join = (...parts: string[]): string => parts.join("");
  return {
    githubToken: join("gh", "p_", text(36)),
    installationToken: join("gh", "s_", text(36)),
    fineGrainedToken: join("github_", "pat_", text(22), "_", text(59)),
    awsAccessKeyId: join("AK", "IA", text(16, UPPER)),
    awsSecretAccessKey: text(40, `${ALNUM}/+`),
    slackToken: join("xo", "xb-", text(12, "0123456789"), "-", text(13, "0123456789"), "-", text(24)),
    stripeKey: join("sk_", "live_", text(24)),
    googleApiKey: join("AI", "za", text(35)),
    npmToken: join("np", "m_", text(36)),
    openAiKey: join("sk-", "proj-", text(48)),
    anthropicKey: join("sk-", "ant-", "api03-", text(40)),
    sendgridKey: join("SG.", text(22), ".", text(43)),
    jwt: join("ey", "JhbGciOiJIUzI1NiJ9.", "ey", "J", text(30), ".", text(43)),
    password: join("Tr0ub4dor&", text(4)),
    databasePassword: join("S3cr3t", text(8)),
    bearer: text(40),
    azureAccountKey: join(text(86, `${ALNUM}/+`), "=="),
  };
}

let privateKey: string | undefined;

/** A real RSA private key in PEM (generated once per test file; it signs nothing). */
export function fakePrivateKey(): string {
  privateKey ??= generateKeyPairSync("rsa", { modulusLength: 1024, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey;
  return privateKey.trimEnd();
}
