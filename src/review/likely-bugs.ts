import type { SuspectRewrite } from "../analyze/suspect-rewrites.js";

/** A rewrite the model finds much likelier than the code as written. */
export interface LikelyBug {
  readonly rewrite: SuspectRewrite;
  /** 1-based line of the replaced code. */
  readonly line: number;
  /** log p(rewrite) − log p(code as written), in nats, over the same lines. */
  readonly margin: number;
  /** The same at the edit itself (WeighRewritesParams.localThreshold), where it was scored. */
  readonly local?: number;
}

/** Lines after the rewritten ones that are scored with them, by default. */
export const FOLLOWING_LINES = 4;

export interface WeighRewritesParams {
  /** The file at head. */
  readonly text: string;
  readonly rewrites: readonly SuspectRewrite[];
  /** Log probabilities of each continuation after the file's text up to `textBefore` (see likelihoodPrefix). */
  readonly score: (textBefore: string, continuations: readonly string[]) => Promise<readonly number[]>;
  /** Nats a rewrite must win by. */
  readonly threshold: number;
  /** Lines after the rewritten ones that are scored too (what follows tells whether the line fits). Default 4. */
  readonly followingLines?: number;
  /** Asked before each line: true stops the weighing there (a budget is spent). */
  readonly stop?: () => boolean;
  /**
   * Nats the rewrite must also win by at the edit itself: the line up to the
   * rewritten code and the word after it, without what follows. Undefined:
   * not asked (and not scored).
   */
  readonly localThreshold?: number;
}

export interface WeighedRewrites {
  /** The best rewrite of each site that wins by the threshold, in the file's order. */
  readonly bugs: readonly LikelyBug[];
  /** Every rewrite with its margin (benchmarks read these). */
  readonly margins: readonly { readonly rewrite: SuspectRewrite; readonly margin: number; readonly local?: number }[];
  /** Rewrites not weighed because `stop` said so. */
  readonly unweighed: number;
}

/**
 * Weighs each rewrite against the code as written by the model's likelihood of
 * the same lines — the rewritten line and the few after it, continuing the
 * file's text before them — the "naturalness" of code: a slip (a comparison
 * the wrong way, a bound off by one, a sibling property) is less likely than
 * its correction to a model that has read much correct code. The rewrites of
 * one line share one prefix, evaluated once.
 */
export async function weighRewrites(params: WeighRewritesParams): Promise<WeighedRewrites> {
  const { text } = params;
  const starts = lineStarts(text);
  const lineOf = (offset: number): number => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
  const endOfLine = (line: number): number => (line < starts.length ? (starts[line] ?? text.length) : text.length);
  const byLine = new Map<number, SuspectRewrite[]>();
  for (const rewrite of params.rewrites) {
    const line = lineOf(rewrite.start);
    byLine.set(line, [...(byLine.get(line) ?? []), rewrite]);
  }
  const follow = params.followingLines ?? FOLLOWING_LINES;
  const margins: { rewrite: SuspectRewrite; margin: number; line: number; local?: number }[] = [];
  const local = params.localThreshold !== undefined;
  let unweighed = 0;
  for (const [line, rewrites] of [...byLine.entries()].sort((a, b) => a[0] - b[0])) {
    if (unweighed > 0 || params.stop?.() === true) {
      unweighed += rewrites.length;
      continue;
    }
    const from = starts[line - 1] ?? 0;
    const lastLine = Math.max(...rewrites.map((r) => lineOf(r.end)));
    const to = endOfLine(Math.min(starts.length, lastLine + follow));
    const original = text.slice(from, to);
    const variants = rewrites.map((r) => text.slice(from, r.start) + r.replacement + text.slice(r.end, to));
    // At the edit: up to the rewritten code and the word after it (the same word for both versions).
    const edits = local
      ? rewrites.flatMap((r) => {
          const after = /^\s*(?:[\w$]+|\S)/.exec(text.slice(r.end))?.[0] ?? "";
          return [text.slice(from, r.end) + after, text.slice(from, r.start) + r.replacement + after];
        })
      : [];
    const [asWritten, ...scores] = await params.score(text.slice(0, from), [original, ...variants, ...edits]);
    rewrites.forEach((rewrite, i) => {
      const margin = (scores[i] ?? Number.NEGATIVE_INFINITY) - (asWritten ?? 0);
      const edit = local ? (scores[variants.length + 2 * i + 1] ?? Number.NEGATIVE_INFINITY) - (scores[variants.length + 2 * i] ?? 0) : undefined;
      margins.push({ rewrite, line, margin, ...(edit === undefined ? {} : { local: edit }) });
    });
  }
  const best = new Map<number, { rewrite: SuspectRewrite; margin: number; line: number; local?: number }>();
  for (const entry of margins) {
    const held = best.get(entry.rewrite.site);
    if (held === undefined || entry.margin > held.margin) best.set(entry.rewrite.site, entry);
  }
  const bugs = [...best.values()].filter((entry) => entry.margin >= params.threshold && (params.localThreshold === undefined || (entry.local ?? Number.NEGATIVE_INFINITY) >= params.localThreshold)).sort((a, b) => a.rewrite.start - b.rewrite.start);
  return { bugs, margins: margins.map(({ rewrite, margin, local: edit }) => ({ rewrite, margin, ...(edit === undefined ? {} : { local: edit }) })), unweighed };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) if (i + 1 < text.length) starts.push(i + 1);
  return starts;
}

/** What a likely bug's finding says: the code, the likelier rewrite, and how much likelier (the model's reading, not a proof). */
export function describeLikelyBug(bug: LikelyBug): string {
  const { rewrite } = bug;
  const times = Math.exp(bug.margin);
  const odds = times >= 1000 ? "over 1,000" : `${Math.round(times)}`;
  const likelier = `the model finds \`${rewrite.after}\` ${odds} times likelier here`;
  switch (rewrite.kind) {
    case "inverted-condition":
      return `\`${rewrite.before}\` may be inverted; ${likelier}.`;
    case "off-by-one":
      return `Possible off-by-one in \`${rewrite.before}\`; ${likelier}.`;
    case "other-property":
      return `\`${rewrite.before}\` may read the wrong property (a wrong variable?); ${likelier}.`;
    case "missing-await":
      return `\`${rewrite.before}\` returns a promise that is not awaited, so its rejection is not handled here; ${likelier}.`;
    case "unwrapped-value":
      return `A value in \`${rewrite.before}\` is not passed through the function that wraps the template's other values (escaping?); ${likelier}.`;
    case "falsy-default":
      return `\`${rewrite.before}\` replaces 0 and "" too, not only a missing value (\`??\` replaces only null and undefined); ${likelier}.`;
    case "swapped-arguments":
      return `The arguments of \`${rewrite.before}\` may be swapped (their order is reversed in the rewrite); ${likelier}.`;
  }
}
