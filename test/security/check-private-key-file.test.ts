import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkPrivateKeyFile } from "../../src/security/check-private-key-file.js";
import { InvalidPrivateKeyError } from "../../src/security/invalid-private-key-error.js";

const PEM = generateKeyPairSync("rsa", { modulusLength: 1024, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey;

function filesAt(files: Record<string, string>) {
  return { cwd: "/app", readFile: (file: string) => files[file] };
}

describe("checkPrivateKeyFile", () => {
  it("accepts the App's PEM key, and leaves PRIVATE_KEY and a missing file to Probot", () => {
    expect(() => { checkPrivateKeyFile({ PRIVATE_KEY_PATH: "key.pem" }, filesAt({ "/app/key.pem": PEM })); }).not.toThrow();
    expect(() => { checkPrivateKeyFile({ PRIVATE_KEY: "from env", PRIVATE_KEY_PATH: "notes.txt" }, filesAt({ "/app/notes.txt": "hello" })); }).not.toThrow();
    expect(() => { checkPrivateKeyFile({ PRIVATE_KEY_PATH: "gone.pem" }, filesAt({})); }).not.toThrow();
    expect(() => { checkPrivateKeyFile({}, filesAt({})); }).not.toThrow();
  });

  it("refuses a file that is not a PEM key, naming the setting (it used to start and fail every job with 'Invalid keyData')", () => {
    const call = () => { checkPrivateKeyFile({ PRIVATE_KEY_PATH: "./app.yml" }, filesAt({ "/app/app.yml": "name: patchsmith\n" })); };
    expect(call).toThrow(InvalidPrivateKeyError);
    expect(call).toThrow(
      'PRIVATE_KEY_PATH (./app.yml) is not a PEM private key (no "-----BEGIN RSA PRIVATE KEY-----" line): point it at the .pem file from the GitHub App\'s settings ("Generate a private key"), or set PRIVATE_KEY instead. Nothing was started.',
    );
    const broken = PEM.replace(/\n[A-Za-z0-9+/]{20}/, "\n!!!!");
    expect(() => { checkPrivateKeyFile({ PRIVATE_KEY_PATH: "key.pem" }, filesAt({ "/app/key.pem": broken })); }).toThrow("PRIVATE_KEY_PATH (key.pem) is not a readable private key: point it at");
  });
});
