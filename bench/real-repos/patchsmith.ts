import { describeExit, run, tail } from "./exec.js";

export interface SuggestionEdit {
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly replacement: string;
  /** The lines are deleted (replacement ""); otherwise "" is one empty line. */
  readonly deletion?: boolean;
}

/** The part of a patchsmith finding the bench reads (its `--format json` output, ReviewChangeResult.findings). */
export interface ReviewFinding {
  readonly path: string;
  readonly startLine: number;
  readonly line: number;
  readonly severity: string;
  readonly rule: string;
  readonly message: string;
  readonly suggestion?: { readonly title: string; readonly origin: string; readonly edit: SuggestionEdit };
}

export interface ReviewRun {
  /** The CLI exited 0 or 1 (findings) and printed a review. */
  readonly ok: boolean;
  readonly ms: number;
  readonly exitCode: number | null;
  readonly findings: readonly ReviewFinding[];
  readonly notices: readonly string[];
  readonly skipped: readonly string[];
  readonly error?: string;
}

/**
 * `patchsmith review --base <sha>^ --head <sha> --format json` on a checkout
 * with no node_modules: patchsmith finds the dependency types itself.
 */
export async function runReview(cli: string, cloneDir: string, sha: string, timeoutMs: number, env: NodeJS.ProcessEnv): Promise<ReviewRun> {
  const args = [cli, "review", "--repo", cloneDir, "--base", `${sha}^`, "--head", sha, "--format", "json"];
  const result = await run(process.execPath, args, { cwd: cloneDir, timeoutMs, env });
  const failed = (error: string): ReviewRun => ({ ok: false, ms: result.ms, exitCode: result.code, findings: [], notices: [], skipped: [], error });
  if (result.code !== 0 && result.code !== 1) return failed(`${describeExit(result)}: ${tail(result.stderr || result.stdout, 10)}`);
  let json: unknown;
  try {
    json = JSON.parse(result.stdout);
  } catch (error) {
    return failed(`the output is not JSON (${error instanceof Error ? error.message : String(error)}): ${tail(result.stdout, 5)}`);
  }
  if (!isRecord(json) || !Array.isArray(json.findings)) return failed("the JSON output has no findings array");
  const findings: ReviewFinding[] = [];
  for (const item of json.findings as unknown[]) {
    const finding = toFinding(item);
    if (finding !== undefined) findings.push(finding);
  }
  return {
    ok: true,
    ms: result.ms,
    exitCode: result.code,
    findings,
    notices: listOf(json.notices, (n) => (isRecord(n) && typeof n.message === "string" ? (typeof n.path === "string" ? `${n.path}: ${n.message}` : n.message) : undefined)),
    skipped: listOf(json.skipped, (s) => (isRecord(s) && typeof s.path === "string" && typeof s.reason === "string" ? `${s.path}: ${s.reason}` : undefined)),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function listOf(value: unknown, map: (item: unknown) => string | undefined): string[] {
  return Array.isArray(value) ? value.map(map).filter((s): s is string => s !== undefined) : [];
}

function toFinding(item: unknown): ReviewFinding | undefined {
  if (!isRecord(item)) return undefined;
  const { path, line, severity, rule, message } = item;
  if (typeof path !== "string" || typeof line !== "number" || typeof rule !== "string" || typeof message !== "string") return undefined;
  const startLine = typeof item.startLine === "number" ? item.startLine : line;
  const base = { path, startLine, line, severity: typeof severity === "string" ? severity : "", rule, message };
  const suggestion = toSuggestion(item.suggestion);
  return suggestion === undefined ? base : { ...base, suggestion };
}

function toSuggestion(value: unknown): ReviewFinding["suggestion"] {
  if (!isRecord(value) || !isRecord(value.edit)) return undefined;
  const { path, startLine, endLine, replacement } = value.edit;
  if (typeof path !== "string" || typeof startLine !== "number" || typeof endLine !== "number" || typeof replacement !== "string") return undefined;
  return {
    title: typeof value.title === "string" ? value.title : "",
    origin: typeof value.origin === "string" ? value.origin : "",
    edit: { path, startLine, endLine, replacement, ...((value.edit as { deletion?: unknown }).deletion === true ? { deletion: true } : {}) },
  };
}

/** "ts/TS2304" -> 2304; undefined for any other rule. */
export function tsCode(rule: string): number | undefined {
  const match = /^ts\/TS(\d+)$/.exec(rule);
  return match === null ? undefined : Number(match[1]);
}
