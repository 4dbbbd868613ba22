import nock from "nock";
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { createConcurrencyLimit } from "../../src/github/create-concurrency-limit.js";
import { createGitHubFileSource, type BlobCache } from "../../src/github/create-github-file-source.js";
import { blobSha, GITHUB_API } from "../helpers/nock-github.js";

const octokit = new ProbotOctokit({ auth: { token: "t" }, retry: { enabled: false }, throttle: { enabled: false } });
const SHA = "1".repeat(40);
const git = "/repos/o/r/git";

function source(options: { maxBytes?: number; blobs?: BlobCache; sha?: string } = {}) {
  return createGitHubFileSource({ octokit, owner: "o", repo: "r", sha: options.sha ?? SHA, maxBytes: options.maxBytes ?? 1000, limit: createConcurrencyLimit(2), ...(options.blobs ? { blobs: options.blobs } : {}) });
}

const entry = (path: string, text: string, extra: Record<string, unknown> = {}) => ({ path, mode: "100644", type: "blob", sha: blobSha(text), size: Buffer.byteLength(text), ...extra });

describe("createGitHubFileSource", () => {
  it("lists blobs from the recursive tree (fetched once) and reads files through blobs, lazily", async () => {
    const scope = nock(GITHUB_API)
      .get(`${git}/trees/${SHA}`)
      .query({ recursive: "1" })
      .once()
      .reply(200, {
        sha: "t",
        truncated: false,
        tree: [entry("src/a.ts", "export const a = 1;\n"), { path: "src", mode: "040000", type: "tree", sha: "d" }, entry("README.md", "# hi\n")],
      })
      .get(`${git}/blobs/${blobSha("export const a = 1;\n")}`)
      .once()
      .reply(200, { encoding: "base64", content: Buffer.from("export const a = 1;\n").toString("base64") });
    const files = source();
    expect(files.description).toBe("github:o/r@111111111111");
    expect(await files.listPaths()).toEqual(["src/a.ts", "README.md"]);
    expect(await files.readText("src/a.ts")).toEqual({ kind: "text", text: "export const a = 1;\n" });
    expect(await files.readText("src/a.ts")).toEqual({ kind: "text", text: "export const a = 1;\n" });
    expect(await files.readText("src/missing.ts")).toEqual({ kind: "missing" });
    expect(await files.readText("src")).toEqual({ kind: "missing" });
    scope.done();
  });

  it("skips files over the size limit without downloading them, binaries, symlinks and submodules", async () => {
    const binary = "\u0000\u0001PNG";
    nock(GITHUB_API)
      .get(`${git}/trees/${SHA}`)
      .query({ recursive: "1" })
      .reply(200, {
        sha: "t",
        truncated: false,
        tree: [
          entry("big.json", "x".repeat(2000)),
          entry("logo.png", binary),
          { path: "link.ts", mode: "120000", type: "blob", sha: blobSha("target"), size: 6 },
          { path: "vendor/lib", mode: "160000", type: "commit", sha: "9".repeat(40) },
        ],
      })
      .get(`${git}/blobs/${blobSha(binary)}`)
      .reply(200, { encoding: "base64", content: Buffer.from(binary).toString("base64") });
    const files = source({ maxBytes: 1000 });
    expect(await files.readText("big.json")).toEqual({ kind: "skipped", reason: "big.json is 2.0 kB, over the 1.0 kB limit; raise maxFileBytes in .github/patchsmith.yml to review it" });
    expect(await files.readText("logo.png")).toEqual({ kind: "skipped", reason: "logo.png is a binary file; only text files are reviewed" });
    expect(await files.readText("link.ts")).toEqual({ kind: "skipped", reason: "link.ts is a symbolic link; links are not followed" });
    expect(await files.readText("vendor/lib")).toEqual({ kind: "skipped", reason: "vendor/lib is a git submodule; its contents are not reviewed" });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("fetches a blob shared by the base and head snapshots once", async () => {
    const text = '{ "compilerOptions": { "strict": true } }\n';
    const other = "2".repeat(40);
    nock(GITHUB_API)
      .get(`${git}/trees/${SHA}`)
      .query({ recursive: "1" })
      .reply(200, { sha: "t1", truncated: false, tree: [entry("tsconfig.json", text)] })
      .get(`${git}/trees/${other}`)
      .query({ recursive: "1" })
      .reply(200, { sha: "t2", truncated: false, tree: [entry("tsconfig.json", text)] })
      .get(`${git}/blobs/${blobSha(text)}`)
      .once()
      .reply(200, { encoding: "base64", content: Buffer.from(text).toString("base64") });
    const blobs: BlobCache = new Map();
    const [a, b] = await Promise.all([source({ blobs }).readText("tsconfig.json"), source({ blobs, sha: other }).readText("tsconfig.json")]);
    expect(a).toEqual(b);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("walks directories for a path the truncated recursive tree left out", async () => {
    const text = "export const deep = true;\n";
    nock(GITHUB_API)
      .get(`${git}/trees/${SHA}`)
      .query({ recursive: "1" })
      .reply(200, { sha: "root", truncated: true, tree: [entry("a.ts", "a")] })
      .get(`${git}/trees/root`)
      .reply(200, { sha: "root", truncated: false, tree: [{ path: "pkg", mode: "040000", type: "tree", sha: "pkg-tree" }] })
      .get(`${git}/trees/pkg-tree`)
      .reply(200, { sha: "pkg-tree", truncated: false, tree: [entry("deep.ts", text)] })
      .get(`${git}/blobs/${blobSha(text)}`)
      .reply(200, { encoding: "base64", content: Buffer.from(text).toString("base64") });
    const files = source();
    expect(await files.readText("pkg/deep.ts")).toEqual({ kind: "text", text });
    expect(await files.readText("pkg/none.ts")).toEqual({ kind: "missing" });
    expect(nock.pendingMocks()).toEqual([]);
  });
});
