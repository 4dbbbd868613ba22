import { LlmHttpError } from "../errors/llm-http-error.js";
import { TruncatedAnswerError } from "../errors/truncated-answer-error.js";
import type { LlmLog } from "../llm-log.js";
import type { LlmTransport } from "../transport.js";
import { readUsage } from "./read-usage.js";
import { toStandardJsonSchema } from "./to-standard-json-schema.js";

export interface OpenAiTransportOptions {
  /** Base URL of the OpenAI-compatible API, e.g. "http://gpu-box:8080/v1"; requests go to `${url}/chat/completions`. */
  readonly url: string;
  /** Model name sent with each request (vLLM and Ollama need it; llama.cpp's server ignores it). */
  readonly model?: string;
  readonly apiKey?: string;
  /** Context size of the served model, in tokens. Default 8192. */
  readonly contextSize?: number;
  /** Requests sent at the same time. Default 4. */
  readonly parallelism?: number;
  readonly fetch?: typeof fetch;
  readonly log?: LlmLog;
}

interface ChatCompletion {
  readonly choices?: readonly { readonly message?: { readonly content?: unknown }; readonly finish_reason?: unknown }[];
  readonly usage?: unknown;
}

interface TokenizeAnswer {
  readonly count?: unknown;
  readonly tokens?: unknown;
}

/**
 * Errors of this transport reach review bodies and PR threads: they never name
 * the server (its URL is the operator's internal address) nor repeat what it
 * sent; those details go to the log.
 */
const SEE_LOG = " (the log names the server and has the details).";

/** A fetch failure's message with its cause (Node's "fetch failed" hides the reason there). */
function describeCause(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  return cause === undefined ? message : `${message} (${cause})`;
}

/** Approximate tokens when the server cannot count them: code averages about 3 bytes per token. */
function estimateTokens(text: string): number {
  return Math.ceil(Buffer.byteLength(text, "utf8") / 3);
}

/**
 * The HTTP backend: any server that speaks OpenAI chat completions with a
 * `json_schema` response format (llama.cpp's server, vLLM, Ollama), so
 * inference can scale on machines apart from the webhook handler. Tokens are
 * counted by the server's `/tokenize` endpoint (llama.cpp and vLLM have one);
 * without it they are estimated and a warning says so once.
 */
export function createOpenAiTransport(options: OpenAiTransportOptions): LlmTransport {
  const doFetch = options.fetch ?? fetch;
  const base = options.url.replace(/\/+$/, "");
  const root = base.replace(/\/v1$/, "");
  const model = options.model ?? "default";
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.apiKey !== undefined && options.apiKey !== "") headers["authorization"] = `Bearer ${options.apiKey}`;
  let canTokenize: boolean | undefined;
  const host = (() => {
    try {
      return new URL(base).host;
    } catch {
      return base;
    }
  })();

  async function post(url: string, body: unknown, signal?: AbortSignal): Promise<Response> {
    try {
      return await doFetch(url, { method: "POST", headers, body: JSON.stringify(body), ...(signal === undefined ? {} : { signal }) });
    } catch (error) {
      if (signal?.aborted === true) throw error;
      options.log?.warn(`Could not reach the model server at ${url}: ${describeCause(error)}. Check PATCHSMITH_LLM_URL and that the server is running.`);
      throw new LlmHttpError(`The model server did not answer${SEE_LOG}`, undefined, { cause: error });
    }
  }

  return {
    info: {
      model,
      // Posted in every review: the model's name only, never where the (internal) server is.
      description: `${model} (OpenAI-compatible server)`,
      contextSize: options.contextSize ?? 8192,
      parallelism: options.parallelism ?? 4,
    },
    async complete(request) {
      const url = `${base}/chat/completions`;
      const response = await post(
        url,
        {
          model,
          messages: [
            { role: "system", content: request.system },
            { role: "user", content: request.user },
          ],
          temperature: request.temperature,
          max_tokens: request.maxTokens,
          stream: false,
          // Code comes as plain text (a header line and a fenced block), which a JSON response format would forbid.
          ...(request.code === undefined ? { response_format: { type: "json_schema", json_schema: { name: request.operation, strict: true, schema: toStandardJsonSchema(request.schema) } } } : {}),
        },
        request.signal,
      );
      const text = await response.text();
      if (!response.ok) {
        options.log?.warn(`The model server answered ${response.status} ${response.statusText} to ${url}: ${text.slice(0, 300)}`);
        throw new LlmHttpError(`The model server answered with an error (HTTP ${response.status})${SEE_LOG}`, response.status);
      }
      let body: ChatCompletion;
      try {
        body = JSON.parse(text) as ChatCompletion;
      } catch (error) {
        options.log?.warn(`The model server at ${url} did not answer with JSON: ${text.slice(0, 200)}`);
        throw new LlmHttpError(`The model server did not answer with JSON${SEE_LOG}`, response.status, { cause: error });
      }
      const choice = body.choices?.[0];
      const content = choice?.message?.content;
      if (typeof content !== "string") throw new LlmHttpError("The model server answered without a message (choices[0].message.content).", response.status);
      const tokens = readUsage(body.usage);
      if (tokens !== undefined) request.onTokens?.(tokens);
      if (choice?.finish_reason === "length") {
        const message = `The model's answer was cut off at ${request.maxTokens} tokens, so it is incomplete${request.code === undefined ? " JSON" : ""}.`;
        // A code answer cut off may still hold whole parts (the first cases of a test file).
        if (request.code !== undefined) throw new TruncatedAnswerError(message, content);
        throw new LlmHttpError(message, response.status);
      }
      return content;
    },
    async countTokens(text) {
      if (canTokenize === false) return estimateTokens(text);
      try {
        const response = await post(`${root}/tokenize`, { model, content: text, prompt: text });
        if (response.ok) {
          const body = (await response.json()) as TokenizeAnswer;
          if (typeof body.count === "number") {
            canTokenize = true;
            return body.count;
          }
          if (Array.isArray(body.tokens)) {
            canTokenize = true;
            return body.tokens.length;
          }
        }
      } catch {
        // fall through to the estimate
      }
      if (canTokenize === undefined) {
        options.log?.warn(`The model server at ${host} has no /tokenize endpoint; prompt sizes are estimated (3 bytes a token) instead of counted.`);
        canTokenize = false;
      }
      return estimateTokens(text);
    },
    dispose: () => Promise.resolve(),
  };
}
