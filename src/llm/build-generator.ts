import { ownFindingsOff, type ModelFindingsChoice } from "./model-findings-choice.js";
import type { GbnfJsonSchema, GbnfJsonSchemaToType } from "node-llama-cpp";
import type { GenerateOptions, Generator, ReviewHunksRequest, WriteTestsRequest } from "./generator.js";
import { checkJsonSchema } from "./check-json-schema.js";
import { parseModelJson } from "./parse-model-json.js";
import { answerPromptCandidates } from "./prompts/answer-prompt.js";
import { countPromptTokens, fitPrompt } from "./prompts/fit-prompt.js";
import { fixPromptCandidates } from "./prompts/fix-prompt.js";
import type { Prompt } from "./prompts/prompt.js";
import { reviewPromptCandidates } from "./prompts/review-prompt.js";
import { testsPromptCandidates } from "./prompts/tests-prompt.js";
import { verifyPromptCandidates } from "./prompts/verify-prompt.js";
import { likelihoodPrefix } from "./prompts/likelihood-prefix.js";
import { answerSchema } from "./schemas/answer-schema.js";
import { verifySchema } from "./schemas/verify-schema.js";
import { FIX_ANSWER_GRAMMAR, TESTS_ANSWER_GRAMMAR } from "./schemas/code-answer-grammar.js";
import { fixHeaderSchema } from "./schemas/fix-schema.js";
import { reviewSchema } from "./schemas/review-schema.js";
import { testsHeaderSchema, type TestsHeader } from "./schemas/tests-schema.js";
import { parseCodeAnswer, type CodeAnswer } from "./answers/parse-code-answer.js";
import { parseReviewAnswer } from "./answers/parse-review-answer.js";
import { closeTruncatedTest } from "./answers/close-truncated-test.js";
import { readTestCases } from "./answers/read-test-cases.js";
import { TruncatedAnswerError } from "./errors/truncated-answer-error.js";
import { REVIEW_ANSWER_GRAMMAR } from "./schemas/review-answer-grammar.js";
import type { ModelStage, ModelUsage } from "./model-usage.js";
import type { CompletionTokens, LlmTransport, Operation } from "./transport.js";
import { withTimeLimit } from "./with-time-limit.js";

export interface GeneratorDefaults {
  /** 0 (greedy) unless configured. */
  readonly temperature?: number;
  /** Time limit of one generation. Default 5 minutes. */
  readonly timeoutMs?: number;
  /** Most tokens of one answer. Default: a quarter of the context, at most 2048. */
  readonly maxTokens?: number;
  /** Told after every generation (metrics: tokens per second); each call's `onUsage` is told too. */
  readonly onUsage?: (usage: ModelUsage) => void;
  /** The clock for onUsage, in milliseconds. Default performance.now. */
  readonly now?: () => number;
  /** PATCHSMITH_MODEL_FINDINGS: whether the model reviews hunks for bugs of its own. Default on. */
  readonly findings?: ModelFindingsChoice;
}

/** One generation: what is asked, and where it belongs in a review (a fix or test answering a rejection is a repair). */
interface Call {
  readonly operation: Operation;
  readonly stage: ModelStage;
}

/**
 * Most tokens of a test file's answer: one or two short cases per symbol fit
 * in a few hundred, and on a CPU (about 17 tokens/s for a 1.5B on two cores)
 * a file that runs on past this is a repetition loop costing a minute more;
 * what it finished by then is kept (closeTruncatedTest).
 */
export const TESTS_ANSWER_TOKENS = 1024;

const WHAT: Record<Operation, string> = { review: "review", fix: "fix", tests: "test-writing", answer: "answer", verify: "verification", score: "scoring" };

/**
 * The operations every backend shares, built on its transport: pick the most
 * detailed prompt that fits the context (tokens counted by the model's
 * tokenizer), generate under the operation's JSON schema with a time limit,
 * then parse and check the answer against that same schema. Code (a fix, a
 * test file) travels as a fenced block after a short JSON header, not inside
 * a JSON string: models write code worse when it must be escaped in JSON.
 */
export function buildGenerator(transport: LlmTransport, defaults: GeneratorDefaults = {}): Generator {
  const { contextSize } = transport.info;
  const answerTokens = defaults.maxTokens ?? Math.max(64, Math.min(2048, Math.floor(contextSize / 4)));
  const promptTokenLimit = Math.max(0, contextSize - answerTokens);
  const countTokens = (text: string): Promise<number> => transport.countTokens(text);

  /** The answer's text, generated under `schema` (or, with `code`, under that grammar). */
  async function complete(call: Call, schema: GbnfJsonSchema, candidates: readonly Prompt[], options: GenerateOptions, code?: { readonly grammar: string }, stopWhen?: (answerSoFar: string) => string | undefined): Promise<string> {
    const { operation } = call;
    const what = WHAT[operation];
    const { prompt, tokens: promptTokens } = await fitPrompt({ candidates, countTokens, limit: promptTokenLimit, what });
    const now = defaults.now ?? (() => performance.now());
    const started = now();
    let counted: CompletionTokens | undefined;
    const measure = async (answer: string): Promise<void> => {
      if (!defaults.onUsage && !options.onUsage) return;
      const ms = now() - started;
      // The backend's own counts where it has them (chat template, reused prefix); else the prompt as measured and the answer tokenized.
      const usage: ModelUsage = counted
        ? { operation, stage: call.stage, promptTokens: counted.prompt, promptTokensEvaluated: counted.promptEvaluated, completionTokens: counted.answer, ms }
        : { operation, stage: call.stage, promptTokens, promptTokensEvaluated: promptTokens, completionTokens: await countTokens(answer), ms };
      defaults.onUsage?.(usage);
      options.onUsage?.(usage);
    };
    let text: string;
    try {
      text = await withTimeLimit({ signal: options.signal, timeoutMs: options.timeoutMs ?? defaults.timeoutMs ?? 300_000, what: `model's ${what}` }, (signal) =>
        transport.complete({
          operation,
          system: prompt.system,
          user: prompt.user,
          schema,
          ...(code === undefined ? {} : { code }),
          ...(stopWhen === undefined ? {} : { stopWhen }),
          signal,
          temperature: options.temperature ?? defaults.temperature ?? 0,
          maxTokens: Math.min(options.maxTokens ?? answerTokens, answerTokens),
          onTokens: (tokens) => {
            counted = tokens;
          },
        }),
      );
    } catch (error) {
      // A cut-off answer cost its tokens too.
      if (error instanceof TruncatedAnswerError) await measure(error.partial);
      throw error;
    }
    await measure(text);
    return text;
  }

  async function run<const S extends GbnfJsonSchema>(call: Call, schema: S, candidates: readonly Prompt[], options: GenerateOptions = {}): Promise<GbnfJsonSchemaToType<S>> {
    return parseModelJson(await complete(call, schema, candidates, options), schema, WHAT[call.operation]);
  }

  async function runCode(call: Call, schema: GbnfJsonSchema, grammar: string, candidates: readonly Prompt[], options: GenerateOptions = {}, stopWhen?: (answerSoFar: string) => string | undefined): Promise<CodeAnswer> {
    return parseCodeAnswer(await complete(call, schema, candidates, options, { grammar }, stopWhen), WHAT[call.operation]);
  }

  const findingsOff = ownFindingsOff(defaults.findings ?? "on", transport.info.accelerated ?? true);
  return {
    name: transport.info.model,
    promptTokenLimit,
    ...(findingsOff === undefined ? {} : { ownFindingsOff: findingsOff }),
    parallelism: transport.info.parallelism,
    describe: () => transport.info.description,
    countTokens,
    async measureReviewPrompt(request: ReviewHunksRequest) {
      const candidates = reviewPromptCandidates(request);
      let smallest = Number.POSITIVE_INFINITY;
      for (const prompt of candidates) {
        const tokens = await countPromptTokens(prompt, countTokens);
        if (tokens <= promptTokenLimit) return tokens;
        smallest = Math.min(smallest, tokens);
      }
      return smallest;
    },
    // Findings come as lines (`\`code\` kind: sentence`, or `none`) under their own grammar: fewer tokens than JSON, a fixed list of defect kinds, and the line found from the quote.
    reviewHunks: async (request, options) =>
      parseReviewAnswer(await complete({ operation: "review", stage: "findings" }, reviewSchema, reviewPromptCandidates(request), options ?? {}, { grammar: REVIEW_ANSWER_GRAMMAR }), request.hunks, WHAT.review),
    async fixRange(request, options) {
      const stage = (request.previousAttempts?.length ?? 0) > 0 ? "repair" : "fixes";
      const answer = await runCode({ operation: "fix", stage }, fixHeaderSchema, FIX_ANSWER_GRAMMAR, fixPromptCandidates(request), options);
      return { replacement: answer.code };
    },
    async writeTests(request, options) {
      const stage = (request.previousAttempts?.length ?? 0) > 0 ? "repair" : "tests";
      let answer: CodeAnswer;
      try {
        answer = await runCode({ operation: "tests", stage }, testsHeaderSchema, TESTS_ANSWER_GRAMMAR, testsPromptCandidates(request), { maxTokens: TESTS_ANSWER_TOKENS, ...options }, stopAfterCases(request));
      } catch (error) {
        // Cut off by the token limit: the cases it finished are kept (and validated like any answer).
        if (!(error instanceof TruncatedAnswerError)) throw error;
        const cut = parseCodeAnswer(error.partial, WHAT.tests);
        const code = closeTruncatedTest(request.testPath, cut.code);
        if (code === undefined) throw error;
        answer = { header: cut.header, code };
      }
      // No header is asked for (its tokens carried prose, not tests): the cases are the file's own test names.
      // A header that comes anyway (a server without grammars) is read; a missing or malformed one costs nothing.
      const header = readTestsHeader(answer.header);
      const cases = header.cases.length > 0 ? header.cases : readTestCases(answer.code);
      return { ...header, cases, path: request.testPath, symbols: request.symbols ?? [request.symbol], code: answer.code };
    },
    answerQuestion: (request, options) => run({ operation: "answer", stage: "answer" }, answerSchema, answerPromptCandidates(request), options),
    async verifyClaim(request, options) {
      // The answer is a handful of tokens (`{"answer": "yes"}`); a longer limit would only cost time where the grammar is ignored (a server).
      // Counted with the findings it checks.
      const output = await run({ operation: "verify", stage: "findings" }, verifySchema, verifyPromptCandidates(request), { ...options, maxTokens: Math.min(options?.maxTokens ?? 32, 32) });
      return output.answer === "yes";
    },
    canScore: transport.score !== undefined,
    async scoreLines(request, options = {}) {
      const score = transport.score?.bind(transport);
      if (score === undefined) throw new Error(`${transport.info.description} gives no token probabilities, so it cannot score lines; the likelihood check needs the in-process model (PATCHSMITH_MODEL).`);
      const now = defaults.now ?? (() => performance.now());
      const started = now();
      const result = await withTimeLimit({ signal: options.signal, timeoutMs: options.timeoutMs ?? defaults.timeoutMs ?? 300_000, what: `model's ${WHAT.score}` }, (signal) =>
        score({ prefix: likelihoodPrefix(request), continuations: request.continuations, signal }),
      );
      // Counted with the findings it leads to: nothing is generated.
      const usage: ModelUsage = { operation: "score", stage: "findings", promptTokens: result.tokens.prompt, promptTokensEvaluated: result.tokens.promptEvaluated, completionTokens: 0, ms: now() - started };
      defaults.onUsage?.(usage);
      options.onUsage?.(usage);
      return result.logProbs;
    },
    dispose: () => transport.dispose(),
  };
}

/** New cases a test file may hold per symbol asked for (the prompt asks for one or two), and at least. */
const CASES_PER_SYMBOL = 2;
const MIN_CASES = 3;

/**
 * Stops a test file's answer as it begins a case past those asked for (the
 * existing file's own cases aside): a small model's long lists of cases are
 * variations that cost seconds each, and often turn into a repetition loop.
 */
function stopAfterCases(request: WriteTestsRequest): (answerSoFar: string) => string | undefined {
  const cases = (text: string): number => text.match(/^[ \t]*(?:it|test)(?:\.\w+)?\s*\(/gm)?.length ?? 0;
  const symbols = request.symbols?.length ?? 1;
  const limit = Math.max(MIN_CASES, CASES_PER_SYMBOL * symbols + 1) + (request.existingTestText === undefined ? 0 : cases(request.existingTestText));
  return (answerSoFar) => (cases(answerSoFar) > limit ? `it began test case ${limit + 1}, past the ${limit} a test file for ${symbols === 1 ? "one symbol" : `${symbols} symbols`} may hold` : undefined);
}

function readTestsHeader(text: string): TestsHeader {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { cases: [], explanation: "" };
  }
  const record = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  const header = { cases: record["cases"], explanation: record["explanation"] };
  const cases = checkJsonSchema(header.cases, testsHeaderSchema.properties.cases).length === 0 ? (header.cases as TestsHeader["cases"]) : [];
  return { cases, explanation: typeof header.explanation === "string" ? header.explanation.slice(0, 600) : "" };
}
