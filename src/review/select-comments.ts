import type { RepoConfig } from "../config/repo-config.js";
import type { FileDiff, Finding, ReviewComment } from "../types.js";
import { renderComment } from "./render-comment.js";
import { severityRank } from "./severity-rank.js";

export interface SelectCommentsParams {
  readonly findings: readonly Finding[];
  readonly files: readonly FileDiff[];
  /** The head version of a file, or undefined when it could not be read. */
  readonly headText: (path: string) => string | undefined;
  readonly config: Pick<RepoConfig, "severity" | "maxComments">;
  /** The repository, so sanitised text may link into it. */
  readonly repo?: { readonly owner: string; readonly name: string };
}

export interface SelectedComments {
  /** Inline comments to post, most severe first, then by path and line. */
  readonly comments: ReviewComment[];
  /** Findings that could not be anchored in the diff, or came after the cap. */
  readonly overflow: Finding[];
}

/**
 * Choose the inline comments of a review:
 *  1. drop findings below `config.severity`;
 *  2. sort: errors first, then by path and line, suggestions before plain comments;
 *  3. render each; one that cannot be placed inside a hunk (or whose head
 *     text is unknown) goes to overflow;
 *  4. keep one comment per path, range and rule;
 *  5. keep at most `config.maxComments`; the rest go to overflow.
 */
export function selectComments(params: SelectCommentsParams): SelectedComments {
  const threshold = severityRank(params.config.severity);
  const files = new Map(params.files.map((file) => [file.path, file]));
  const headLines = new Map<string, readonly string[] | undefined>();
  const linesOf = (path: string): readonly string[] | undefined => {
    if (!headLines.has(path)) headLines.set(path, params.headText(path)?.split(/\r?\n/));
    return headLines.get(path);
  };
  const context = params.repo ? { owner: params.repo.owner, repo: params.repo.name } : {};

  const comments: ReviewComment[] = [];
  const overflow: Finding[] = [];
  const seen = new Set<string>();
  const sorted = params.findings.filter((finding) => severityRank(finding.severity) >= threshold).sort(compareFindings);
  for (const finding of sorted) {
    const file = files.get(finding.path);
    const lines = linesOf(finding.path);
    const comment = file && lines ? renderComment(finding, file, lines, context) : undefined;
    if (!comment) {
      overflow.push(finding);
      continue;
    }
    const key = [comment.path, comment.startLine ?? comment.line, comment.line, finding.rule].join("\0");
    if (seen.has(key)) continue;
    seen.add(key);
    if (comments.length < params.config.maxComments) comments.push(comment);
    else overflow.push(finding);
  }
  return { comments, overflow };
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    compareText(a.path, b.path) ||
    a.line - b.line ||
    a.startLine - b.startLine ||
    compareText(a.rule, b.rule) ||
    Number(b.suggestion !== undefined) - Number(a.suggestion !== undefined)
  );
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
