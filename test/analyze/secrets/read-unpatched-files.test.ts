import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { readUnpatchedFiles } from "../../../src/analyze/secrets/read-unpatched-files.js";
import { scanChangeForSecrets } from "../../../src/analyze/secrets/scan-change-for-secrets.js";
import { defaultRepoConfig } from "../../../src/config/repo-config.js";
import { parseFilePatch } from "../../../src/diff/parse-file-patch.js";
import { parseUnifiedDiff } from "../../../src/diff/parse-unified-diff.js";
import type { FileSource, ReadResult } from "../../../src/types.js";
import { decodeFile } from "../../../src/workspace/decode-file.js";
import { fakeCredentials, fakePrivateKey } from "../../security/fake-credentials.js";

const c = fakeCredentials(43);

/** A source over `files` (a string is the text, a result is returned as is) that records the paths read. */
function source(files: Readonly<Record<string, string | ReadResult>>): FileSource & { readonly reads: string[] } {
  const reads: string[] = [];
  return {
    description: "memory",
    reads,
    readText: (path) => {
      reads.push(path);
      const entry = files[path];
      return Promise.resolve(entry === undefined ? { kind: "missing" } : typeof entry === "string" ? { kind: "text", text: entry } : entry);
    },
    listPaths: () => Promise.resolve(Object.keys(files)),
  };
}

const unpatched = (path: string, status = "modified") => parseFilePatch({ path, status });

describe("readUnpatchedFiles", () => {
  it("reads only reviewable files without a patch that are not removed or binary, reusing loaded text", async () => {
    const head = source({ "a.env": "A=1\nB=2\n", "b.yml": "x: 1\n", "dist/c.env": "C=1\n", "d.env": "D=1\n" });
    const base = source({ "a.env": "A=1\n", "b.yml": "x: 1\n", "dist/c.env": "" });
    const diff = [
      unpatched("a.env"),
      parseFilePatch({ path: "b.yml", status: "modified", patch: "@@ -1 +1 @@\n-x: 0\n+x: 1" }),
      unpatched("dist/c.env"),
      unpatched("gone.env", "removed"),
      { ...unpatched("e.bin"), status: "binary" as const },
      unpatched("d.env"),
    ];
    const result = await readUnpatchedFiles({ diff, config: defaultRepoConfig, head, base, loadedHead: (path) => (path === "d.env" ? "D=1\nE=2\n" : undefined) });
    expect([...result.recovered.keys()]).toEqual(["a.env", "d.env"]);
    expect(result.recovered.get("a.env")).toEqual({ addedLines: [{ line: 2, text: "B=2" }], headText: "A=1\nB=2\n" });
    // The loaded head text is used, not read again; the base is read.
    expect(result.recovered.get("d.env")?.addedLines).toEqual([{ line: 1, text: "D=1" }, { line: 2, text: "E=2" }]);
    expect(head.reads).toEqual(["a.env"]);
    expect([...base.reads].sort()).toEqual(["a.env", "d.env"]);
    expect(result.notices).toEqual([]);
  });

  it("passes over binary files quietly: by extension without reading them, or when the source finds them binary", async () => {
    const head = source({ "docs/logo.png": "\u0000PNG", "assets/blob": decodeFile("assets/blob", new Uint8Array([1, 0, 2]), 1000), "a.env": "A=1\n" });
    const result = await readUnpatchedFiles({ diff: [unpatched("docs/logo.png", "added"), unpatched("assets/blob", "added"), unpatched("a.env", "added")], config: defaultRepoConfig, head, base: source({}) });
    expect(head.reads).toEqual(["assets/blob", "a.env"]);
    expect(result.notices).toEqual([]);
    expect([...result.recovered.keys()]).toEqual(["a.env"]);
  });

  it("gives a notice naming the file and why when its base version cannot be read, and goes on", async () => {
    const head = source({ "a.env": `TOKEN=${c.npmToken}\n`, "b.env": "B=1\n" });
    const base = source({ "a.env": { kind: "skipped", reason: "a.env is not valid UTF-8" }, "b.env": "" });
    const result = await readUnpatchedFiles({ diff: [unpatched("a.env"), unpatched("b.env")], config: defaultRepoConfig, head, base });
    expect(result.notices).toEqual([
      { path: "a.env", message: "Secrets were not looked for in a.env: GitHub shows no diff for it, and its base version could not be read to tell its new lines from its old ones (a.env is not valid UTF-8). Check it for credentials locally." },
    ]);
    expect([...result.recovered.keys()]).toEqual(["b.env"]);
  });

  it("stops when the review is cancelled", async () => {
    const controller = new AbortController();
    controller.abort(new Error("cancelled"));
    await expect(readUnpatchedFiles({ diff: [unpatched("a.env")], config: defaultRepoConfig, head: source({}), base: source({}), signal: controller.signal })).rejects.toThrow("cancelled");
  });
});

describe("scanChangeForSecrets with recovered lines", () => {
  it("reports the recovered lines like added ones, without a suggestion, and masks every secret of the head text", () => {
    const headText = `const password = "${c.password}";\nconst key = "${c.stripeKey}";\n`;
    const validated: unknown[] = [];
    const result = scanChangeForSecrets({
      diff: [unpatched("src/big.ts"), unpatched("src/other.ts")],
      config: defaultRepoConfig,
      headText: () => undefined,
      validate: (fix) => (validated.push(fix), { ok: true, reasons: [], introduced: [] }),
      recovered: new Map([["src/big.ts", { addedLines: [{ line: 2, text: `const key = "${c.stripeKey}";` }], headText }]]),
    });
    expect(result.findings.map((f) => `${f.path}:${f.line} ${f.rule}`)).toEqual(["src/big.ts:2 secret/stripe-key"]);
    expect(result.findings[0]?.suggestion).toBeUndefined();
    expect(validated).toEqual([]);
    expect(result.extraFiles).toEqual([]);
    // The old password is masked by value, wherever it turns up (it has no shape of its own).
    expect(result.mask(`echo ${c.password}`)).toBe("echo [redacted secret]");
  });

  it("reports a private key that replaces another one in place, although its BEGIN and END lines are old ones", async () => {
    const indent = (pem: string): string => pem.split("\n").map((line) => `    ${line}`).join("\n");
    const oldKey = generateKeyPairSync("rsa", { modulusLength: 1024, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey.trimEnd();
    const newKey = fakePrivateKey();
    // A rotated key committed again: only the lines between the markers are new.
    const base = `tls:\n  name: api\n  key: |\n${indent(oldKey)}\n`;
    const head = `tls:\n  name: api\n  key: |\n${indent(newKey)}\n`;
    const diff = [unpatched("config/tls.yml")];
    const read = await readUnpatchedFiles({ diff, config: defaultRepoConfig, head: source({ "config/tls.yml": head }), base: source({ "config/tls.yml": base }) });
    const result = scanChangeForSecrets({ diff, config: defaultRepoConfig, headText: () => undefined, validate: () => ({ ok: true, reasons: [], introduced: [] }), recovered: read.recovered });
    const end = 3 + newKey.split("\n").length;
    expect(result.findings.map((f) => `${f.path}:${String(f.startLine)}-${String(f.line)} ${f.rule}`)).toEqual([`config/tls.yml:4-${String(end)} secret/private-key`]);
    const material = newKey.split("\n")[1] ?? "";
    expect(JSON.stringify(result.findings)).not.toContain(material);
    expect(result.mask(`x ${newKey} y`)).not.toContain(material);
  });

  it("reports a key rotated in place in a file with a patch too, where the markers are context lines", () => {
    const oldBody = generateKeyPairSync("rsa", { modulusLength: 1024, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey.trimEnd().split("\n").slice(1, -1);
    const newKey = fakePrivateKey().split("\n");
    const newBody = newKey.slice(1, -1);
    const patch = [
      "diff --git a/config/tls.yml b/config/tls.yml",
      "--- a/config/tls.yml",
      "+++ b/config/tls.yml",
      `@@ -1,${String(oldBody.length + 3)} +1,${String(newBody.length + 3)} @@`,
      " key: |",
      `   ${newKey[0] ?? ""}`,
      ...oldBody.map((line) => `-  ${line}`),
      ...newBody.map((line) => `+  ${line}`),
      `   ${newKey.at(-1) ?? ""}`,
      "",
    ].join("\n");
    const result = scanChangeForSecrets({ diff: parseUnifiedDiff(patch).files, config: defaultRepoConfig, headText: () => undefined, validate: () => ({ ok: true, reasons: [], introduced: [] }) });
    expect(result.findings.map((f) => `${f.path}:${String(f.startLine)}-${String(f.line)} ${f.rule}`)).toEqual([`config/tls.yml:2-${String(newKey.length + 1)} secret/private-key`]);
  });

  it("does not report a key block none of whose lines is new", async () => {
    const key = fakePrivateKey();
    const base = `key: |\n  ${key.split("\n").join("\n  ")}\n`;
    const head = `name: api\n${base}`;
    const diff = [unpatched("config/tls.yml")];
    const read = await readUnpatchedFiles({ diff, config: defaultRepoConfig, head: source({ "config/tls.yml": head }), base: source({ "config/tls.yml": base }) });
    const result = scanChangeForSecrets({ diff, config: defaultRepoConfig, headText: () => undefined, validate: () => ({ ok: true, reasons: [], introduced: [] }), recovered: read.recovered });
    expect(result.findings).toEqual([]);
  });
});
