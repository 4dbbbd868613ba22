import type { SuspectRewrite } from "../analyze/suspect-rewrites.js";
import type { RepoConfig } from "../config/repo-config.js";
import { rankFile } from "../llm/findings/rank-file.js";
import type { Generator } from "../llm/generator.js";
import type { FileDiff, Finding, Notice } from "../types.js";
import { contextFilesFor, recentText } from "./likely-bug-context.js";
import { describeLikelyBug, FOLLOWING_LINES, weighRewrites, type LikelyBug } from "./likely-bugs.js";

/**
 * Nats a rewrite must win by to be reported: the model finds it e³ ≈ 20 times
 * likelier than the code as written. On the model case set (1.5B, see
 * bench/likely-bugs.ts) the rewrites of the nine planted bugs found won by
 * 3.7 to 14, and no rewrite of a control change came closer than −3.1.
 */
export const LIKELY_BUG_MARGIN = 3;

/**
 * Nats the rewrite must win by at the edit itself (the line up to the
 * rewritten code and the word after it): the evidence must include the
 * rewritten tokens, not only what follows them. On ky's merge.ts (06375ef) the
 * 1.5B found `key !== 'retry'` 7.7 nats likelier over the lines — because the
 * next line reads `returnValue[key]` where `key` is known to be 'retry' — while
 * at the edit itself `!==` lost by 7.4. The nine planted bugs found win there by
 * 2.8 or more.
 */
export const LIKELY_BUG_LOCAL_MARGIN = 0;

/** Rewrites weighed per review, at most. */
export const MAX_LIKELY_BUG_REWRITES = 40;

/**
 * Prompt tokens the check may evaluate per review (the prefixes it could not
 * reuse and the scored lines): about 3 minutes on two CPU cores at the ~30
 * tokens/s a 1.5B evaluates there, seconds on a GPU.
 */
export const LIKELY_BUG_TOKEN_BUDGET = 6000;

const SCRIPT = /\.(?:[cm]?[jt]sx?)$/;

export interface FindLikelyBugsParams {
  readonly generator: Generator;
  readonly diff: readonly FileDiff[];
  /** The file at head as the model may see it (credentials masked), or undefined. */
  readonly modelText: (path: string) => string | undefined;
  /** The file at head as written: rewrites point into this text. */
  readonly headText: (path: string) => string | undefined;
  /** Paths of the head snapshot, to find the modules a file imports. */
  readonly knownPaths: ReadonlySet<string>;
  /** Candidate rewrites of a file's added lines (Workspace.suspectRewrites). */
  readonly rewritesOf: (path: string, lines: ReadonlySet<number>, limit: number) => SuspectRewrite[] | undefined;
  readonly config: RepoConfig;
  readonly signal?: AbortSignal;
  readonly maxRewrites?: number;
  readonly tokenBudget?: number;
  readonly margin?: number;
  readonly onFile?: (step: { readonly done: number; readonly total: number; readonly path: string }) => void;
}

export interface LikelyBugsResult {
  readonly findings: Finding[];
  readonly notices: Notice[];
  /** Rewrites weighed. */
  readonly weighed: number;
}

/**
 * The likelihood check: the added lines of each changed source file are
 * rewritten the ways common slips would be corrected (listSuspectRewrites),
 * and the model's likelihood of each rewrite is weighed against the code as
 * written (weighRewrites). One that wins by LIKELY_BUG_MARGIN becomes a
 * finding: the model's unverified observation, at most a warning, never a
 * suggestion (a likelier line is not a proven fix), one per line.
 */
export async function findLikelyBugs(params: FindLikelyBugsParams): Promise<LikelyBugsResult> {
  const { config } = params;
  const findings: Finding[] = [];
  const notices: Notice[] = [];
  const budget = params.maxRewrites ?? MAX_LIKELY_BUG_REWRITES;
  const tokenBudget = params.tokenBudget ?? LIKELY_BUG_TOKEN_BUDGET;
  let weighed = 0;
  let evaluated = 0;
  // Files a limit (rewrites or tokens) left out in whole or in part, in review order.
  const cut: string[] = [];
  const cutOff = (path: string): void => {
    if (!cut.includes(path)) cut.push(path);
  };
  const files = params.diff
    .map((file, index) => ({ file, index, verdict: rankFile(file, config) }))
    .filter((entry): entry is typeof entry & { verdict: { rank: number } } => "rank" in entry.verdict && entry.verdict.rank < 2 && SCRIPT.test(entry.file.path))
    .sort((a, b) => a.verdict.rank - b.verdict.rank || a.index - b.index)
    .map((entry) => entry.file);
  for (const [done, file] of files.entries()) {
    params.signal?.throwIfAborted();
    const text = params.headText(file.path);
    const masked = params.modelText(file.path);
    if (text === undefined || masked === undefined) continue;
    // Masking keeps the lines (line numbers stay true): the model sees masked lines before a scored line, and no scored line holds a mask.
    const maskedLines = masked.split("\n");
    const textLines = text.split("\n");
    if (maskedLines.length !== textLines.length) continue;
    const secretLines = new Set(textLines.flatMap((line, i) => (line === maskedLines[i] ? [] : [i + 1])));
    const clean = (r: SuspectRewrite): boolean => {
      for (let line = r.startLine; line <= r.endLine + FOLLOWING_LINES; line++) if (secretLines.has(line)) return false;
      return true;
    };
    const lines = new Set(file.hunks.flatMap((hunk) => hunk.lines.flatMap((line) => (line.kind === "add" && line.newLine !== undefined ? [line.newLine] : []))));
    const left = budget - weighed;
    // One more than can be weighed: whether the limit leaves any out.
    const rewrites = params.rewritesOf(file.path, lines, Math.max(0, left) + 1);
    if (rewrites === undefined || rewrites.length === 0) continue;
    if (rewrites.length > left || evaluated >= tokenBudget) cutOff(file.path);
    if (evaluated >= tokenBudget) continue;
    const near = rewrites.filter((r) => !clean(r)).length;
    if (near > 0) notices.push({ path: file.path, message: `The likelihood check left out ${near} rewrite${near === 1 ? "" : "s"} of ${file.path}: ${near === 1 ? "its" : "their"} lines hold a credential the model must not see.` });
    const chosen = rewrites.slice(0, Math.max(0, left)).filter(clean);
    if (chosen.length === 0) continue;
    params.onFile?.({ done, total: files.length, path: file.path });
    const maskedBefore = (textBefore: string): string => {
      const count = textBefore.split("\n").length - 1;
      return count === 0 ? "" : `${maskedLines.slice(0, count).join("\n")}\n`;
    };
    // The imported modules as the model may see them: a credential in one of them stays masked.
    const context = contextFilesFor(file.path, text, params.modelText, params.knownPaths);
    try {
      const result = await weighRewrites({
        text,
        rewrites: chosen,
        threshold: params.margin ?? LIKELY_BUG_MARGIN,
        score: (textBefore, continuations) =>
          params.generator.scoreLines(
            { context, path: file.path, textBefore: recentText(maskedBefore(textBefore)), continuations },
            {
              ...(params.signal === undefined ? {} : { signal: params.signal }),
              onUsage: (usage) => {
                evaluated += usage.promptTokensEvaluated;
              },
            },
          ),
        stop: () => evaluated >= tokenBudget,
        localThreshold: LIKELY_BUG_LOCAL_MARGIN,
      });
      weighed += chosen.length - result.unweighed;
      if (result.unweighed > 0) cutOff(file.path);
      findings.push(...onePerLine(result.bugs).map((bug) => toFinding(file.path, bug, config)));
    } catch (error) {
      if (params.signal?.aborted === true) throw error;
      notices.push({ path: file.path, message: `The likelihood check could not weigh the lines of ${file.path}: ${(error as Error).message} The rest of the review still ran.` });
    }
  }
  if (cut.length > 0) {
    notices.push({ message: `The likelihood check stopped at its limits per review (${budget} rewrites, ${tokenBudget.toLocaleString("en-US")} prompt tokens); changed lines of ${cut.join(", ")} were not (or not all) weighed.` });
  }
  return { findings, notices, weighed };
}

function onePerLine(bugs: readonly LikelyBug[]): LikelyBug[] {
  const best = new Map<number, LikelyBug>();
  for (const bug of bugs) {
    const held = best.get(bug.line);
    if (held === undefined || bug.margin > held.margin) best.set(bug.line, bug);
  }
  return [...best.values()].sort((a, b) => a.line - b.line);
}

function toFinding(path: string, bug: LikelyBug, config: RepoConfig): Finding {
  return {
    path,
    startLine: bug.rewrite.startLine,
    line: bug.rewrite.endLine,
    severity: config.model.findingSeverity,
    rule: "model/likely-bug",
    message: describeLikelyBug(bug),
    unverified: true,
  };
}
