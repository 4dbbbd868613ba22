import { describe, expect, it } from "vitest";
import { LlmHttpError } from "../../../src/llm/errors/llm-http-error.js";
import { PromptTooLargeError } from "../../../src/llm/errors/prompt-too-large-error.js";
import { deserializeError } from "../../../src/pipeline/worker/deserialize-error.js";
import { serializeError } from "../../../src/pipeline/worker/serialize-error.js";

/** Through structured clone, as a message between threads goes. */
function roundTrip(error: unknown): unknown {
  return deserializeError(structuredClone(serializeError(error)));
}

describe("serializeError and deserializeError", () => {
  it("rebuild the model's errors as their classes, with their fields", () => {
    const http = roundTrip(new LlmHttpError("The model server answered 503.", 503));
    expect(http).toBeInstanceOf(LlmHttpError);
    expect(http).toMatchObject({ name: "LlmHttpError", message: "The model server answered 503.", status: 503 });
    const unreachable = roundTrip(new LlmHttpError("unreachable", undefined));
    expect(unreachable).toBeInstanceOf(LlmHttpError);
    expect((unreachable as LlmHttpError).status).toBeUndefined();
    const large = roundTrip(new PromptTooLargeError("too large", 9000, 4096));
    expect(large).toBeInstanceOf(PromptTooLargeError);
    expect(large).toMatchObject({ tokens: 9000, limit: 4096 });
  });

  it("rebuild abort and timeout reasons as DOMExceptions, and keep the cause chain", () => {
    const timeout = roundTrip(new Error("gave up", { cause: new DOMException("The operation was aborted due to timeout", "TimeoutError") }));
    expect(timeout).toBeInstanceOf(Error);
    const cause = (timeout as Error).cause;
    expect(cause).toBeInstanceOf(DOMException);
    expect(cause).toMatchObject({ name: "TimeoutError" });
  });

  it("keep an unknown error's name, message, stack and primitive fields", () => {
    const original = Object.assign(new Error("Not Found"), { name: "HttpError", status: 404, request: { url: "https://api.github.com" } });
    const copy = roundTrip(original) as Error & { status?: number; request?: unknown };
    expect(copy).toBeInstanceOf(Error);
    expect(copy.name).toBe("HttpError");
    expect(copy.message).toBe("Not Found");
    expect(copy.status).toBe(404);
    expect(copy.request).toBeUndefined();
    expect(copy.stack).toBe(original.stack);
  });

  it("describe thrown values that are not errors", () => {
    expect(roundTrip("plain text")).toMatchObject({ message: "plain text" });
    expect(roundTrip({ code: 7 })).toMatchObject({ message: '{"code":7}' });
  });

  it("hand back the original object for a ref the other side still holds, also inside a cause", () => {
    const original = new Error("from the main thread's FileSource");
    const refs = new Map<object, number>([[original, 1]]);
    const wrapped = new Error("the review failed", { cause: original });
    const wire = structuredClone(serializeError(wrapped, (error) => refs.get(error)));
    const rebuilt = deserializeError(wire, (ref) => (ref === 1 ? original : undefined)) as Error;
    expect(rebuilt.message).toBe("the review failed");
    expect(rebuilt.cause).toBe(original);
    expect(deserializeError(structuredClone(serializeError(original, (error) => refs.get(error))), (ref) => (ref === 1 ? original : undefined))).toBe(original);
  });
});
