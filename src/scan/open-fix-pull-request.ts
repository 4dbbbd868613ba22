import type { ProbotOctokit } from "probot";
import { requestErrorInfo } from "../github/request-error-info.js";
import { pushScanBranch, SCAN_BRANCH } from "../github/push-scan-branch.js";
import { saveScanPullRequest } from "../github/save-scan-pull-request.js";
import { inlineCode } from "../review/inline-code.js";
import { redactSecrets } from "../security/redact-secrets.js";
import { sanitizeModelText } from "../review/sanitize-model-text.js";
import { toOneLine } from "../review/to-one-line.js";
import type { GeneratedTest } from "../testgen/tests-report.js";
import type { FixedFile } from "./collect-fixed-files.js";
import type { FixPullRequestOutcome } from "./fix-pull-request-outcome.js";

const MAX_LISTED = 100;

/**
 * The optional fix pull request (`scan.openPullRequest: true`), one updated in place:
 *  1. nothing to fix and no test to add: close the open one, if any;
 *  2. commit the fixed files and the generated test files on `patchsmith/scan`
 *     (left alone when someone else committed there; a test whose path a fix
 *     also changes is left out, since it was written against the unfixed file);
 *  3. open the pull request into the default branch, or update the open one.
 * A refusal by GitHub (the app lacks Contents: write) becomes a line for the report, not a failed scan.
 */
export async function openFixPullRequest(params: {
  readonly octokit: Pick<ProbotOctokit, "rest">;
  readonly owner: string;
  readonly repo: string;
  readonly defaultBranch: string;
  readonly baseSha: string;
  readonly files: readonly FixedFile[];
  /** Test files the model wrote and validation accepted (full contents). */
  readonly tests: readonly GeneratedTest[];
  /** Paths that were executable in the scanned commit. */
  readonly executables: ReadonlySet<string>;
}): Promise<FixPullRequestOutcome> {
  const { octokit, owner, repo } = params;
  const fixedPaths = new Set(params.files.map((file) => file.path));
  const tests = params.tests.filter((test) => !fixedPaths.has(test.path));
  try {
    // 1. Nothing to fix.
    if (params.files.length === 0 && tests.length === 0) {
      const closed = await saveScanPullRequest({ octokit, owner, repo, action: { kind: "close" } });
      return closed.kind === "none" ? { kind: "none" } : { kind: "closed", number: closed.number, url: closed.url };
    }

    // 2. The branch.
    const fixes = params.files.reduce((sum, file) => sum + file.fixes.length, 0);
    const pushed = await pushScanBranch({
      octokit,
      owner,
      repo,
      baseSha: params.baseSha,
      files: [
        ...params.files.map((file) => ({ path: file.path, text: file.text, executable: params.executables.has(file.path) })),
        ...tests.map((test) => ({ path: test.path, text: test.content, executable: params.executables.has(test.path) })),
      ],
      message: `patchsmith: ${describe(fixes, tests.length)} from the scan of ${params.baseSha.slice(0, 7)}`,
    });
    if (pushed.kind === "refused") return { kind: "failed", message: pushed.reason };

    // 3. The pull request.
    const saved = await saveScanPullRequest({
      octokit,
      owner,
      repo,
      action: { kind: "save", base: params.defaultBranch, title: `patchsmith: ${describe(fixes, tests.length)} from the repository scan`, body: pullRequestBody(params.files, tests, params.baseSha, { owner, repo }) },
    });
    if (saved.kind === "none" || saved.kind === "closed") return { kind: "failed", message: "the pull request could not be found after it was saved; the next scan will try again." };
    const files = params.files.length;
    if (pushed.kind === "unchanged" && saved.kind === "updated") return { kind: "unchanged", number: saved.number, url: saved.url, files, fixes, tests: tests.length };
    return { kind: "saved", created: saved.kind === "created", number: saved.number, url: saved.url, files, fixes, tests: tests.length };
  } catch (error) {
    const { status } = requestErrorInfo(error);
    // GitHub's message, without the documentation link Octokit appends.
    const message = requestErrorInfo(error).message.replace(/ - https?:\/\/\S+$/, "");
    if (status === 403 || status === 404) {
      return {
        kind: "failed",
        message: `GitHub refused (${status}: ${toOneLine(sanitizeModelText(message))}). The fix pull request needs the app's **Contents: write** and **Pull requests: write** permissions: grant them in the app's settings, or set \`scan.openPullRequest: false\`.`,
      };
    }
    if (status === 422) return { kind: "failed", message: `GitHub did not accept the branch or pull request (${toOneLine(sanitizeModelText(message))}); the next scan will try again.` };
    throw error;
  }
}

function describe(fixes: number, tests: number): string {
  const parts = [...(fixes > 0 ? [`${fixes} validated ${fixes === 1 ? "fix" : "fixes"}`] : []), ...(tests > 0 ? [`${tests} generated test ${tests === 1 ? "file" : "files"}`] : [])];
  return parts.join(" and ");
}

function pullRequestBody(files: readonly FixedFile[], tests: readonly GeneratedTest[], baseSha: string, context: { readonly owner: string; readonly repo: string }): string {
  const lines = [
    "### Validated changes from the patchsmith repository scan",
    "",
    `Each fix below is an ESLint or TypeScript fix for a problem the scan of \`${baseSha.slice(0, 7)}\` found, applied in memory and re-checked with ESLint and TypeScript before it was committed here; fixes that touch the same lines were left out. Generated tests passed ESLint and TypeScript but were not run: run them before merging. This branch (\`${SCAN_BRANCH}\`) is rewritten by every scan; commit elsewhere.`,
    "",
  ];
  let listed = 0;
  for (const file of files) {
    for (const fix of file.fixes) {
      if (listed++ >= MAX_LISTED) break;
      const where = fix.edit.startLine < fix.edit.endLine ? `${file.path}:${fix.edit.startLine}-${fix.edit.endLine}` : `${file.path}:${fix.edit.startLine}`;
      const rule = fix.target === undefined ? "" : ` ${inlineCode(fix.target.source === "typescript" ? `ts/${fix.target.code}` : `eslint/${fix.target.code}`)}`;
      lines.push(`- ${inlineCode(where)}${rule}: ${toOneLine(sanitizeModelText(redactSecrets(fix.title).slice(0, 200), context))}`);
    }
  }
  const total = files.reduce((sum, file) => sum + file.fixes.length, 0);
  if (total > MAX_LISTED) lines.push(`- …and ${total - MAX_LISTED} more.`);
  if (tests.length > 0) {
    lines.push("", "Generated tests:", "");
    for (const test of tests.slice(0, MAX_LISTED)) {
      lines.push(`- ${inlineCode(test.path)} for ${test.symbols.slice(0, 10).map((symbol) => inlineCode(symbol)).join(", ")} in ${inlineCode(test.sourcePath)}${test.existing ? " (cases added to the existing file)" : ""}`);
    }
    if (tests.length > MAX_LISTED) lines.push(`- …and ${tests.length - MAX_LISTED} more.`);
  }
  return lines.join("\n");
}
