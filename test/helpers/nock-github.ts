import { createHash } from "node:crypto";
import nock from "nock";
// nock 15 needs Promise.withResolvers (Node 22+): every test that mocks GitHub gets it from here.
import "./polyfill-promise-with-resolvers.js";

/**
 * Named nock helpers for every GitHub endpoint the app calls, so tests read
 * as a list of expected requests. Each helper registers exactly one expected
 * request (unless it says otherwise); bodies the app sends are pushed onto
 * the `sent` array given, for assertions and snapshots.
 */

export const GITHUB_API = "https://api.github.com";

export interface RepoRef {
  readonly owner: string;
  readonly repo: string;
}

export type Sent = unknown[];

const api = (): nock.Scope => nock(GITHUB_API);
const record = (sent: Sent | undefined) => (body: unknown): boolean => {
  sent?.push(body);
  return true;
};

/** The installation access token Probot asks for before the first API call of an installation. */
export function nockInstallationToken(installationId = 1, options: { readonly times?: number; readonly token?: string } = {}): nock.Scope {
  return api()
    .post(`/app/installations/${installationId}/access_tokens`)
    .times(options.times ?? 1)
    .reply(201, {
      token: options.token ?? "ghs_test_token",
      expires_at: "2999-01-01T00:00:00Z",
      permissions: { pull_requests: "write", contents: "read", checks: "write", issues: "write", metadata: "read" },
      repository_selection: "all",
    });
}

export interface PullFields {
  readonly number: number;
  readonly headSha: string;
  readonly baseSha: string;
  readonly state?: "open" | "closed";
  readonly draft?: boolean;
  readonly title?: string;
  readonly body?: string;
  readonly user?: { readonly login: string; readonly type: string };
  readonly changedFiles?: number;
}

/** A pulls.get answer with the fields the app reads. */
export function pullRequestData(fields: PullFields): Record<string, unknown> {
  return {
    number: fields.number,
    state: fields.state ?? "open",
    draft: fields.draft ?? false,
    title: fields.title ?? "Update the README with new information.",
    body: fields.body ?? "This is a pretty simple change that we need to pull into main.",
    user: fields.user ?? { login: "Codertocat", type: "User" },
    head: { sha: fields.headSha, ref: "changes" },
    base: { sha: fields.baseSha, ref: "main" },
    changed_files: fields.changedFiles ?? 1,
  };
}

export function nockGetPull(repo: RepoRef, fields: PullFields): nock.Scope {
  return api().get(`/repos/${repo.owner}/${repo.repo}/pulls/${fields.number}`).reply(200, pullRequestData(fields));
}

/**
 * `.github/patchsmith.yml` as Probot's config plugin reads it: the repository,
 * then (when the file is absent) the owner's `.github` repository.
 */
export function nockConfig(repo: RepoRef, yaml: string | undefined): nock.Scope {
  const path = (name: string) => `/repos/${repo.owner}/${name}/contents/${encodeURIComponent(".github/patchsmith.yml")}`;
  if (yaml !== undefined) return api().get(path(repo.repo)).reply(200, yaml, { "content-type": "text/plain; charset=utf-8" });
  return api().get(path(repo.repo)).reply(404, { message: "Not Found" }).get(path(".github")).reply(404, { message: "Not Found" });
}

export interface AuthoredBody {
  readonly id?: number;
  readonly body: string;
  readonly user?: { readonly login: string; readonly type: string };
}

const asBot = { login: "patchsmith[bot]", type: "Bot" };

/** The PR's conversation comments (where the paused marker would be). */
export function nockListIssueComments(repo: RepoRef, pullNumber: number, comments: readonly AuthoredBody[] = []): nock.Scope {
  return api()
    .get(`/repos/${repo.owner}/${repo.repo}/issues/${pullNumber}/comments`)
    .query({ per_page: "100" })
    .reply(
      200,
      comments.map((c, i) => ({ id: c.id ?? 1000 + i, body: c.body, user: c.user ?? asBot })),
    );
}

export function nockListReviews(repo: RepoRef, pullNumber: number, reviews: readonly AuthoredBody[] = []): nock.Scope {
  return api()
    .get(`/repos/${repo.owner}/${repo.repo}/pulls/${pullNumber}/reviews`)
    .query({ per_page: "100" })
    .reply(
      200,
      reviews.map((r, i) => ({ id: r.id ?? 500 + i, body: r.body, user: r.user ?? asBot, state: "COMMENTED" })),
    );
}

export function nockListReviewComments(repo: RepoRef, pullNumber: number, comments: readonly (AuthoredBody & { readonly path?: string; readonly line?: number })[] = []): nock.Scope {
  return api()
    .get(`/repos/${repo.owner}/${repo.repo}/pulls/${pullNumber}/comments`)
    .query({ per_page: "100" })
    .reply(
      200,
      comments.map((c, i) => ({ id: c.id ?? 700 + i, body: c.body, user: c.user ?? asBot, path: c.path ?? "src/index.ts", line: c.line ?? 1 })),
    );
}

export interface ListedFile {
  readonly filename: string;
  readonly status: string;
  readonly patch?: string;
  readonly previous_filename?: string;
}

/** pulls.listFiles, 100 a page, with the Link headers GitHub sends so Octokit's paginate follows them. */
export function nockListFiles(repo: RepoRef, pullNumber: number, files: readonly ListedFile[]): nock.Scope {
  const scope = api();
  const path = `/repos/${repo.owner}/${repo.repo}/pulls/${pullNumber}/files`;
  const pages = Math.max(1, Math.ceil(files.length / 100));
  for (let page = 1; page <= pages; page++) {
    const slice = files.slice((page - 1) * 100, page * 100).map((f) => ({ additions: 1, deletions: 0, changes: 1, sha: "0".repeat(40), ...f }));
    const query = page === 1 ? { per_page: "100" } : { per_page: "100", page: String(page) };
    const headers: Record<string, string> =
      page < pages ? { link: `<${GITHUB_API}${path}?per_page=100&page=${page + 1}>; rel="next", <${GITHUB_API}${path}?per_page=100&page=${pages}>; rel="last"` } : {};
    scope.get(path).query(query).reply(200, slice, headers);
  }
  return scope;
}

export interface CompareFields {
  readonly status: "ahead" | "behind" | "diverged" | "identical";
  readonly mergeBaseSha: string;
  readonly files?: readonly string[];
}

export function nockCompare(repo: RepoRef, base: string, head: string, fields: CompareFields | 404): nock.Scope {
  const scope = api().get(`/repos/${repo.owner}/${repo.repo}/compare/${base}...${head}`);
  if (fields === 404) return scope.reply(404, { message: "Not Found" });
  return scope.reply(200, {
    status: fields.status,
    merge_base_commit: { sha: fields.mergeBaseSha },
    files: (fields.files ?? []).map((filename) => ({ filename, status: "modified" })),
    commits: [],
    total_commits: 1,
  });
}

/** The git blob SHA of a text, as git computes it. */
export function blobSha(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/**
 * A commit's files served through the git trees and blobs API: the recursive
 * tree once, and each blob at most once, optionally (which blobs the engine
 * reads is its business).
 */
export function nockSnapshot(repo: RepoRef, commitSha: string, files: Readonly<Record<string, string>>, options: { readonly blobsOptional?: boolean } = {}): nock.Scope {
  const scope = api();
  const base = `/repos/${repo.owner}/${repo.repo}/git`;
  const entries = Object.entries(files).map(([path, text]) => ({ path, mode: "100644", type: "blob", sha: blobSha(text), size: Buffer.byteLength(text) }));
  scope.get(`${base}/trees/${commitSha}`).query({ recursive: "1" }).reply(200, { sha: `tree-${commitSha}`, truncated: false, tree: entries });
  const seen = new Set<string>();
  for (const [path, text] of Object.entries(files)) {
    const sha = blobSha(text);
    if (seen.has(sha)) continue;
    seen.add(sha);
    scope
      .get(`${base}/blobs/${sha}`)
      .optionally(options.blobsOptional ?? true)
      .reply(200, { sha, size: Buffer.byteLength(text), encoding: "base64", content: Buffer.from(text).toString("base64"), path });
  }
  return scope;
}

export function nockCreateCheckRun(repo: RepoRef, checkRunId: number, sent?: Sent): nock.Scope {
  return api().post(`/repos/${repo.owner}/${repo.repo}/check-runs`, record(sent)).reply(201, { id: checkRunId });
}

export function nockUpdateCheckRun(repo: RepoRef, checkRunId: number, sent?: Sent): nock.Scope {
  return api().patch(`/repos/${repo.owner}/${repo.repo}/check-runs/${checkRunId}`, record(sent)).reply(200, { id: checkRunId });
}

export type Reply = readonly [number, Record<string, unknown>?, Record<string, string>?];

export function nockCreateReview(repo: RepoRef, pullNumber: number, sent?: Sent, reply: Reply = [200, { id: 9001 }]): nock.Scope {
  return api()
    .post(`/repos/${repo.owner}/${repo.repo}/pulls/${pullNumber}/reviews`, record(sent))
    .reply(reply[0], reply[1] ?? {}, reply[2] ?? {});
}

export function nockCreateReviewComment(repo: RepoRef, pullNumber: number, sent?: Sent, reply: Reply = [201, { id: 9100 }]): nock.Scope {
  return api()
    .post(`/repos/${repo.owner}/${repo.repo}/pulls/${pullNumber}/comments`, record(sent))
    .reply(reply[0], reply[1] ?? {}, reply[2] ?? {});
}

/** GitHub's answer to a request over a secondary rate limit. */
export const secondaryRateLimitReply = (retryAfterSeconds: number): Reply => [
  403,
  { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api" },
  { "retry-after": String(retryAfterSeconds) },
];
