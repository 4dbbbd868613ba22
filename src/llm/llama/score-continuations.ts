import type { LlamaContextSequence, LlamaModel, Token } from "node-llama-cpp";
import type { PrefixPart } from "../transport.js";

export interface ScoredContinuations {
  /** Natural-log probability of each continuation's tokens after the prefix, in the order given. */
  readonly logProbs: readonly number[];
  /** Tokens of the prefix and of every continuation. */
  readonly prompt: number;
  /** Of those, the tokens evaluated for this request (the rest of the prefix was already in the sequence). */
  readonly evaluated: number;
}

/**
 * How likely the model finds each continuation of one prefix: the sum of its
 * tokens' log probabilities, each read from the logits of the token before
 * it. The prefix is evaluated once, past what the sequence already holds
 * (a file scored line after line shares most of its prefix with the last
 * request); each continuation is evaluated after it and erased again.
 */
export async function scoreContinuations(params: {
  readonly model: LlamaModel;
  readonly sequence: LlamaContextSequence;
  readonly prefix: readonly PrefixPart[];
  readonly continuations: readonly string[];
  readonly signal: AbortSignal;
}): Promise<ScoredContinuations> {
  const { model, sequence, signal } = params;
  // Only the prompt's own markers are read as special tokens: a file that holds their text stays text.
  const prefix = params.prefix.flatMap((part) => model.tokenize(part.text, part.marker === true));
  const windows = params.continuations.map((text) => model.tokenize(text, false));
  if (prefix.length === 0) throw new Error("An empty prefix cannot be scored.");
  // Keep what the sequence shares with the prefix, less the prefix's last token: its logits are needed.
  const held = sequence.contextTokens;
  let keep = 0;
  while (keep < held.length && keep < prefix.length - 1 && held[keep] === prefix[keep]) keep++;
  if (keep < sequence.nextTokenIndex) await sequence.eraseContextTokenRanges([{ start: keep, end: sequence.nextTokenIndex }]);
  signal.throwIfAborted();
  let evaluated = prefix.length - keep;

  const firsts = [...new Set(windows.map((w) => w[0]).filter((t): t is Token => t !== undefined))];
  const prefixOut = await sequence.controlledEvaluate([...prefix.slice(keep, -1), withLogits(prefix[prefix.length - 1] as Token, firsts)]);
  const last = prefixOut.at(-1)?.next;
  const afterPrefix = sequence.nextTokenIndex;
  const logProbs: number[] = [];
  for (const window of windows) {
    signal.throwIfAborted();
    const first = window[0];
    if (first === undefined) {
      logProbs.push(0);
      continue;
    }
    let sum = logProbOf(last, first);
    if (window.length > 1) {
      const out = await sequence.controlledEvaluate(window.slice(0, -1).map((token, i) => withLogits(token, [window[i + 1] as Token])));
      evaluated += window.length - 1;
      for (let i = 0; i + 1 < window.length; i++) sum += logProbOf(out[i]?.next, window[i + 1] as Token);
      await sequence.eraseContextTokenRanges([{ start: afterPrefix, end: sequence.nextTokenIndex }]);
    }
    logProbs.push(sum);
  }
  return { logProbs, prompt: prefix.length + windows.reduce((n, w) => n + w.length, 0), evaluated };
}

type Scored = [Token, { generateNext: { token: true; options: { temperature: 0 }; logits: { filter: { tokens: readonly Token[]; includeSelected: true } }; totalLogitWeight: true } }];

function withLogits(token: Token, next: readonly Token[]): Scored {
  // The greedy choice is the largest logit, which the total weight is relative to; picking it costs less than asking for the top logit.
  return [token, { generateNext: { token: true, options: { temperature: 0 }, logits: { filter: { tokens: next, includeSelected: true } }, totalLogitWeight: true } }];
}

/** log p(token) = logit − max logit − log Σ exp(logit − max logit). */
function logProbOf(next: { readonly logits?: Map<Token, number>; readonly totalLogitWeight?: number } | undefined, token: Token): number {
  const logits = next?.logits;
  const total = next?.totalLogitWeight;
  const logit = logits?.get(token);
  if (logits === undefined || total === undefined || logit === undefined) throw new Error("The model returned no logits for a scored token.");
  let max = Number.NEGATIVE_INFINITY;
  for (const value of logits.values()) max = Math.max(max, value);
  return logit - max - Math.log(total);
}
