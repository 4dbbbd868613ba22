import { describe, expect, it } from "vitest";
import { appCredentials, createRedactingLog } from "../../src/security/create-redacting-log.js";
import { createTestLog } from "../helpers/create-test-log.js";
import { fakeCredentials, fakePrivateKey } from "./fake-credentials.js";

const c = fakeCredentials(5);

describe("createRedactingLog", () => {
  it("masks secret-shaped strings in the message, nested fields and errors", () => {
    const test = createTestLog();
    const log = createRedactingLog(test.log);
    const error = new Error(`GET failed with Authorization: token ${c.installationToken}`, { cause: new Error(`key ${c.awsAccessKeyId}`) });
    log.error({ err: error, request: { headers: { note: `Bearer ${c.bearer}` } }, list: [`x ${c.githubToken}`] }, `failed for ${c.githubToken}`);
    const written = JSON.stringify(test.entries);
    for (const secret of [c.installationToken, c.githubToken, c.awsAccessKeyId, c.bearer]) expect(written).not.toContain(secret);
    expect(test.entries[0]?.msg).toBe("failed for [redacted secret]");
    expect(test.entries[0]?.obj).toMatchObject({ err: { type: "Error", message: "GET failed with Authorization: token [redacted secret]", cause: { message: "key [redacted secret]" } } });
  });

  it("masks the app's own credentials whatever their shape, and fields named like credentials", () => {
    const test = createTestLog();
    const env = { WEBHOOK_SECRET: "plain-words-as-a-secret", PATCHSMITH_LLM_API_KEY: "local-llm-key-42", PRIVATE_KEY: fakePrivateKey().replace(/\n/g, "\\n") };
    const log = createRedactingLog(test.log, { secrets: appCredentials(env) });
    log.info({ token: "short", password: "p", secret: undefined, headers: { authorization: "x" } }, "secret plain-words-as-a-secret and local-llm-key-42 used");
    log.warn({ pem: fakePrivateKey().split("\n")[3] }, "a line of the key");
    const [first, second] = test.entries;
    expect(first?.msg).toBe("secret [redacted secret] and [redacted secret] used");
    expect(first?.obj).toEqual({ token: "[redacted secret]", password: "[redacted secret]", secret: undefined, headers: { authorization: "[redacted secret]" } });
    expect(second?.obj).toEqual({ pem: "[redacted secret]" });
  });

  it("logs the size of file contents, patches, bodies and prompts, never the text", () => {
    const test = createTestLog();
    const log = createRedactingLog(test.log);
    log.info({ path: "src/a.ts", content: "const secretSauce = 1;", patch: "@@ -1 +1 @@", body: "PR text", prompt: { system: "s", user: "u" }, files: ["a", "b"] }, "read");
    expect(test.entries[0]?.obj).toEqual({ path: "src/a.ts", content: "[22 characters not logged]", patch: "[11 characters not logged]", body: "[7 characters not logged]", prompt: "[not logged]", files: ["a", "b"] });
  });

  it("keeps ordinary fields as they are and survives cycles and depth", () => {
    const test = createTestLog();
    const log = createRedactingLog(test.log);
    const cyclic: Record<string, unknown> = { deliveryId: "d-1", pullNumber: 7, ok: true };
    cyclic.self = cyclic;
    log.debug(cyclic, "x");
    expect(test.entries[0]?.obj).toMatchObject({ deliveryId: "d-1", pullNumber: 7, ok: true });
    expect(JSON.stringify(test.entries[0]?.obj)).toContain("[nested too deep]");
  });
});

describe("appCredentials", () => {
  it("lists the credentials the app holds, skipping empty and default values", () => {
    expect(appCredentials({ WEBHOOK_SECRET: "development", GITHUB_TOKEN: "", PATCHSMITH_LLM_API_KEY: "k-123456789" })).toEqual(["k-123456789"]);
  });
});
