import nock from "nock";
import {
  GITHUB_API,
  nockCompare,
  nockConfig,
  nockGetPull,
  nockListFiles,
  nockSnapshot,
  type RepoRef,
  type Sent,
} from "../helpers/nock-github.js";

/**
 * One pull request, shared by the App's test run and the CLI's and the Action's:
 * PR #2 of Codertocat/Hello-World as in @octokit/webhooks-examples'
 * `pull_request.opened`, changing src/math.ts so that it has a fixable lint
 * error (prefer-const) and a type error (a misspelt method).
 */
export const REPO: RepoRef = { owner: "Codertocat", repo: "Hello-World" };
export const PR = 2;
export const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
export const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
export const URL = `https://github.com/${REPO.owner}/${REPO.repo}/pull/${PR}`;

const TSCONFIG = '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "NodeNext" } }\n';
const PACKAGE_JSON = '{ "name": "hello-world", "type": "module" }\n';
const MATH_BASE = ["export function area(width: number, height: number): number {", "  return width * height;", "}", ""].join("\n");
const MATH_HEAD = [
  "export function area(width: number, height: number): number {",
  "  let result = width * height;",
  "  return result;",
  "}",
  "",
  "export function shout(text: string): string {",
  "  return text.toUppercase();",
  "}",
  "",
].join("\n");
const MATH_PATCH = [
  "@@ -1,3 +1,8 @@",
  " export function area(width: number, height: number): number {",
  "-  return width * height;",
  "+  let result = width * height;",
  "+  return result;",
  " }",
  "+",
  "+export function shout(text: string): string {",
  "+  return text.toUppercase();",
  "+}",
].join("\n");

export const FILES = [{ filename: "src/math.ts", status: "modified", patch: MATH_PATCH }] as const;
export const BASE_FILES = { "src/math.ts": MATH_BASE, "tsconfig.json": TSCONFIG, "package.json": PACKAGE_JSON };
export const HEAD_FILES = { "src/math.ts": MATH_HEAD, "tsconfig.json": TSCONFIG, "package.json": PACKAGE_JSON };

/** The pull request as pulls.get gives it. */
export function nockPull(): nock.Scope {
  return nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE, changedFiles: FILES.length });
}

/** What every review of this pull request reads after the pull request and its config: files, merge base, both snapshots. */
export function nockFilesAndSnapshots(): void {
  nockListFiles(REPO, PR, FILES);
  nockCompare(REPO, BASE, HEAD, { status: "ahead", mergeBaseSha: BASE });
  nockSnapshot(REPO, BASE, BASE_FILES);
  nockSnapshot(REPO, HEAD, HEAD_FILES);
}

/** Everything a review reads up to the engine, without earlier reviews (a preview). */
export function nockPreviewReads(config?: string): void {
  nockPull();
  nockConfig(REPO, config);
  nockFilesAndSnapshots();
}

/** GET /user: the user a personal token acts as. */
export function nockTokenUser(login: string): nock.Scope {
  return nock(GITHUB_API).get("/user").reply(200, { login, id: 1, type: "User" });
}

/** A review as createReview receives it. */
export interface SentReview {
  readonly commit_id: string;
  readonly event: string;
  readonly body: string;
  readonly comments: readonly { path: string; line: number; start_line?: number; side: "RIGHT"; body: string }[];
}

export function sentReview(sent: Sent, index = 0): SentReview {
  return sent[index] as SentReview;
}
