import nock from "nock";
import { GITHUB_API, type RepoRef, type Sent } from "../helpers/nock-github.js";

/**
 * Named nock helpers for the requests a repository scan makes (the
 * scheduler's listings, the repository, the tarball, the tracking issue, the
 * fix branch and pull request). Each registers the requests it says; bodies
 * the app sends are pushed onto `sent`.
 */

const api = (): nock.Scope => nock(GITHUB_API);
const record = (sent: Sent | undefined) => (body: unknown): boolean => {
  sent?.push(body);
  return true;
};
const bot = { login: "patchsmith[bot]", type: "Bot" };
const url = (repo: RepoRef, rest = ""): string => `https://github.com/${repo.owner}/${repo.repo}${rest}`;

/** GET /app/installations (with the app's JWT), `times` ticks in a row. */
export function nockAppInstallations(installations: readonly { readonly id: number; readonly login: string; readonly suspended?: boolean }[], times = 1): nock.Scope {
  return api()
    .get("/app/installations")
    .query({ per_page: "100" })
    .times(times)
    .reply(
      200,
      installations.map((i) => ({ id: i.id, account: { login: i.login, type: "Organization" }, suspended_at: i.suspended === true ? "2024-01-01T00:00:00Z" : null })),
    );
}

export interface RepoFields {
  readonly owner: string;
  readonly repo: string;
  readonly archived?: boolean;
  readonly disabled?: boolean;
}

/** GET /installation/repositories for one installation's token, `times` ticks in a row. */
export function nockInstallationRepos(token: string, repos: readonly RepoFields[], times = 1): nock.Scope {
  return api()
    .get("/installation/repositories")
    .matchHeader("authorization", `token ${token}`)
    .query({ per_page: "100" })
    .times(times)
    .reply(200, {
      total_count: repos.length,
      repositories: repos.map((r, i) => ({ id: 100 + i, name: r.repo, full_name: `${r.owner}/${r.repo}`, owner: { login: r.owner }, archived: r.archived ?? false, disabled: r.disabled ?? false })),
    });
}

/** GET /repos/{owner}/{repo}. */
export function nockRepo(repo: RepoRef, fields: { readonly archived?: boolean; readonly defaultBranch?: string } = {}): nock.Scope {
  return api()
    .get(`/repos/${repo.owner}/${repo.repo}`)
    .reply(200, { name: repo.repo, full_name: `${repo.owner}/${repo.repo}`, archived: fields.archived ?? false, disabled: false, default_branch: fields.defaultBranch ?? "main", html_url: url(repo) });
}

/** GET the default branch: its head commit, or 404 (an empty repository). */
export function nockBranch(repo: RepoRef, branch: string, sha: string | 404): nock.Scope {
  const scope = api().get(`/repos/${repo.owner}/${repo.repo}/branches/${branch}`);
  if (sha === 404) return scope.reply(404, { message: "Branch not found" });
  return scope.reply(200, { name: branch, commit: { sha } });
}

/** The tarball as GitHub serves it: a redirect to codeload, then the gzipped archive. */
export function nockTarball(repo: RepoRef, sha: string, archive: Buffer): nock.Scope[] {
  const codeload = `/${repo.owner}/${repo.repo}/legacy.tar.gz/${sha}`;
  return [
    api().get(`/repos/${repo.owner}/${repo.repo}/tarball/${sha}`).reply(302, "", { location: `https://codeload.github.com${codeload}` }),
    nock("https://codeload.github.com").get(codeload).reply(200, archive, { "content-type": "application/x-gzip" }),
  ];
}

export interface IssueFields {
  readonly number: number;
  readonly body: string;
  readonly state?: "open" | "closed";
  readonly user?: { readonly login: string; readonly type: string };
  readonly pullRequest?: boolean;
}

/** The issues with the scan label, open and closed. */
export function nockListScanIssues(repo: RepoRef, issues: readonly IssueFields[] = []): nock.Scope {
  return api()
    .get(`/repos/${repo.owner}/${repo.repo}/issues`)
    .query({ state: "all", labels: "patchsmith-scan", per_page: "100" })
    .reply(
      200,
      issues.map((i) => ({
        number: i.number,
        body: i.body,
        state: i.state ?? "open",
        user: i.user ?? bot,
        html_url: url(repo, `/issues/${i.number}`),
        ...(i.pullRequest === true ? { pull_request: { url: "x" } } : {}),
      })),
    );
}

export function nockCreateIssue(repo: RepoRef, number: number, sent?: Sent): nock.Scope {
  return api().post(`/repos/${repo.owner}/${repo.repo}/issues`, record(sent)).reply(201, { number, html_url: url(repo, `/issues/${number}`) });
}

export function nockUpdateIssue(repo: RepoRef, number: number, sent?: Sent): nock.Scope {
  return api().patch(`/repos/${repo.owner}/${repo.repo}/issues/${number}`, record(sent)).reply(200, { number, html_url: url(repo, `/issues/${number}`) });
}

const SCAN_REF = "heads%2Fpatchsmith%2Fscan";

/** The `patchsmith/scan` branch: its head commit, or 404. */
export function nockGetScanRef(repo: RepoRef, sha: string | 404): nock.Scope {
  const scope = api().get(`/repos/${repo.owner}/${repo.repo}/git/ref/${SCAN_REF}`);
  if (sha === 404) return scope.reply(404, { message: "Not Found" });
  return scope.reply(200, { ref: "refs/heads/patchsmith/scan", object: { sha, type: "commit" } });
}

export function nockGetCommit(repo: RepoRef, sha: string, fields: { readonly tree: string; readonly parents?: readonly string[]; readonly message?: string }): nock.Scope {
  return api()
    .get(`/repos/${repo.owner}/${repo.repo}/git/commits/${sha}`)
    .reply(200, { sha, tree: { sha: fields.tree }, parents: (fields.parents ?? []).map((p) => ({ sha: p })), message: fields.message ?? "a commit" });
}

export function nockCreateTree(repo: RepoRef, sha: string, sent?: Sent): nock.Scope {
  return api().post(`/repos/${repo.owner}/${repo.repo}/git/trees`, record(sent)).reply(201, { sha });
}

export function nockCreateCommit(repo: RepoRef, sha: string, sent?: Sent): nock.Scope {
  return api().post(`/repos/${repo.owner}/${repo.repo}/git/commits`, record(sent)).reply(201, { sha });
}

export function nockCreateRef(repo: RepoRef, sent?: Sent): nock.Scope {
  return api().post(`/repos/${repo.owner}/${repo.repo}/git/refs`, record(sent)).reply(201, { ref: "refs/heads/patchsmith/scan" });
}

export function nockUpdateRef(repo: RepoRef, sent?: Sent): nock.Scope {
  return api().patch(`/repos/${repo.owner}/${repo.repo}/git/refs/${SCAN_REF}`, record(sent)).reply(200, { ref: "refs/heads/patchsmith/scan" });
}

/** The open pull requests from `patchsmith/scan`. */
export function nockListScanPulls(repo: RepoRef, numbers: readonly number[]): nock.Scope {
  return api()
    .get(`/repos/${repo.owner}/${repo.repo}/pulls`)
    .query({ state: "open", head: `${repo.owner}:patchsmith/scan`, per_page: "10" })
    .reply(
      200,
      numbers.map((number) => ({ number, html_url: url(repo, `/pull/${number}`) })),
    );
}

export function nockCreatePull(repo: RepoRef, number: number, sent?: Sent): nock.Scope {
  return api().post(`/repos/${repo.owner}/${repo.repo}/pulls`, record(sent)).reply(201, { number, html_url: url(repo, `/pull/${number}`) });
}

export function nockUpdatePull(repo: RepoRef, number: number, sent?: Sent): nock.Scope {
  return api().patch(`/repos/${repo.owner}/${repo.repo}/pulls/${number}`, record(sent)).reply(200, { number, html_url: url(repo, `/pull/${number}`) });
}
