import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { buildGenerator } from "../../../src/llm/build-generator.js";
import { LlmHttpError } from "../../../src/llm/errors/llm-http-error.js";
import { createOpenAiTransport } from "../../../src/llm/http/openai-transport.js";

interface Received {
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: Record<string, unknown>;
}

type Handler = (received: Received) => { status?: number; body: unknown };

const servers: Server[] = [];

/** A loopback server speaking enough of the chat-completions protocol; it records what it was sent. */
async function startServer(handler: Handler): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk: Buffer) => (text += chunk.toString()));
    req.on("end", () => {
      const entry = { url: req.url ?? "", headers: req.headers, body: JSON.parse(text || "{}") as Record<string, unknown> };
      received.push(entry);
      const answer = handler(entry);
      res.writeHead(answer.status ?? 200, { "content-type": "application/json" });
      res.end(typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, received };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

const completion = (content: string, finishReason = "stop") => ({ choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: finishReason }] });

describe("createOpenAiTransport", () => {
  it("sends chat completions with a strict json_schema response format and parses the answer", async () => {
    const server = await startServer(({ url }) =>
      url === "/tokenize" ? { body: { tokens: [1, 2, 3] } } : { body: completion(JSON.stringify({ answer: "It exports a.", references: [] })) },
    );
    const generator = buildGenerator(createOpenAiTransport({ url: server.url, model: "qwen2.5-coder", apiKey: "secret-key" }));
    const answer = await generator.answerQuestion({ question: "What does it export?", files: [] });

    expect(answer).toEqual({ answer: "It exports a.", references: [] });
    const chat = server.received.find((r) => r.url === "/v1/chat/completions");
    expect(chat?.headers.authorization).toBe("Bearer secret-key");
    expect(chat?.body).toMatchObject({
      model: "qwen2.5-coder",
      temperature: 0,
      stream: false,
      response_format: {
        type: "json_schema",
        json_schema: {
          name: "answer",
          strict: true,
          schema: { type: "object", required: ["answer", "references"], additionalProperties: false },
        },
      },
    });
    const messages = chat?.body["messages"] as { role: string; content: string }[];
    expect(messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(messages[1]?.content).toContain("What does it export?");
    expect(generator.describe()).toBe("qwen2.5-coder (OpenAI-compatible server)");
  });

  it("asks for a fix as plain text (no JSON response format) and takes the code out of its fence", async () => {
    const server = await startServer(({ url }) => (url === "/tokenize" ? { body: { tokens: [1, 2, 3] } } : { body: completion("```ts\nconst a = 2;\n```") }));
    const generator = buildGenerator(createOpenAiTransport({ url: server.url, model: "qwen2.5-coder" }));
    expect(await generator.fixRange({ path: "a.ts", startLine: 1, endLine: 1, fileText: "const a = 1;\n", instruction: "Make it 2." })).toEqual({ replacement: "const a = 2;" });
    const chat = server.received.find((r) => r.url === "/v1/chat/completions");
    expect(chat?.body).not.toHaveProperty("response_format");
  });

  it("counts tokens with the server's /tokenize endpoint (llama.cpp and vLLM shapes)", async () => {
    const llamaCpp = await startServer(() => ({ body: { tokens: [5, 6, 7, 8] } }));
    const vllm = await startServer(() => ({ body: { count: 11, max_model_len: 8192, tokens: [1] } }));
    expect(await createOpenAiTransport({ url: llamaCpp.url }).countTokens("four tokens here")).toBe(4);
    expect(await createOpenAiTransport({ url: vllm.url }).countTokens("x")).toBe(11);
    expect(llamaCpp.received[0]).toMatchObject({ url: "/tokenize", body: { content: "four tokens here" } });
  });

  it("estimates tokens, and warns once, when the server cannot count them", async () => {
    const server = await startServer(() => ({ status: 404, body: { error: "not found" } }));
    const warnings: string[] = [];
    const transport = createOpenAiTransport({ url: server.url, log: { info: () => undefined, warn: (m) => warnings.push(m) } });
    expect(await transport.countTokens("abcdefghi")).toBe(3);
    expect(await transport.countTokens("abc")).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(server.received).toHaveLength(1);
  });

  it("turns error statuses, cut-off answers and unreachable servers into LlmHttpError", async () => {
    const failing = await startServer(({ url }) => (url === "/tokenize" ? { body: { tokens: [] } } : { status: 503, body: { error: "loading model" } }));
    const cut = await startServer(({ url }) => (url === "/tokenize" ? { body: { tokens: [] } } : { body: completion('{"replacement": "con', "length") }));
    const request = { path: "a.ts", startLine: 1, endLine: 1, fileText: "x\n", instruction: "y" };

    const logged: string[] = [];
    const log = { info: () => undefined, warn: (m: string) => logged.push(m) };
    const error = await buildGenerator(createOpenAiTransport({ url: failing.url, log })).fixRange(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmHttpError);
    expect(error).toMatchObject({ status: 503, message: "The model server answered with an error (HTTP 503) (the log names the server and has the details)." });
    expect(logged.join("\n")).toContain("loading model");
    await expect(buildGenerator(createOpenAiTransport({ url: cut.url })).fixRange(request)).rejects.toThrow(/cut off/);

    const closed = await startServer(() => ({ body: {} }));
    await new Promise((resolve) => servers.pop()?.close(resolve));
    await expect(createOpenAiTransport({ url: closed.url }).complete({ operation: "fix", system: "", user: "", schema: { type: "string" }, signal: new AbortController().signal, temperature: 0, maxTokens: 1 })).rejects.toThrow(/^The model server did not answer/);
  });

  it("never names the server in what it throws or describes (that text is posted); the log has the address", async () => {
    const logged: string[] = [];
    const log = { info: () => undefined, warn: (m: string) => logged.push(m) };
    const refused = (): Promise<Response> => Promise.reject(new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 10.20.30.40:8080") }));
    const garbled = (): Promise<Response> => Promise.resolve(new Response("<html>proxy 10.20.30.40</html>", { status: 200 }));
    const request = { operation: "fix", system: "", user: "", schema: { type: "string" }, signal: new AbortController().signal, temperature: 0, maxTokens: 1 } as const;
    for (const fetch of [refused, garbled]) {
      const transport = createOpenAiTransport({ url: "http://llm.internal.example:8080/v1", log, fetch });
      const error = (await transport.complete(request).catch((e: unknown) => e)) as Error;
      expect(error.message).not.toMatch(/llm\.internal|10\.20\.30\.40|8080|http:/);
      expect(transport.info.description).toBe("default (OpenAI-compatible server)");
    }
    expect(logged[0]).toContain("http://llm.internal.example:8080/v1/chat/completions");
    expect(logged[0]).toContain("ECONNREFUSED 10.20.30.40:8080");
    expect(logged[1]).toContain("proxy 10.20.30.40");
  });
});
