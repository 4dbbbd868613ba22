import { EditRangeError } from "../../analyze/apply-edit.js";
import { InvalidConfigError } from "../../config/repo-config.js";
import { GenerationTimeoutError } from "../../llm/errors/generation-timeout-error.js";
import { InvalidLlmSettingsError } from "../../llm/errors/invalid-llm-settings-error.js";
import { InvalidModelOutputError } from "../../llm/errors/invalid-model-output-error.js";
import { LlmHttpError } from "../../llm/errors/llm-http-error.js";
import { ModelLoadError } from "../../llm/errors/model-load-error.js";
import { PromptTooLargeError } from "../../llm/errors/prompt-too-large-error.js";
import { ScriptExhaustedError } from "../../llm/errors/script-exhausted-error.js";
import type { SerializedError } from "./review-worker-protocol.js";

type Fields = SerializedError["fields"];

/**
 * The classes the engine and its callers tell apart (`instanceof LlmHttpError`
 * decides whether the model server is unreachable), rebuilt with their fields.
 * Any other error comes back as an Error with the same name, message and fields.
 */
const REBUILD: Readonly<Record<string, (message: string, fields: Fields) => Error>> = {
  LlmHttpError: (message, fields) => new LlmHttpError(message, typeof fields.status === "number" ? fields.status : undefined),
  PromptTooLargeError: (message, fields) => new PromptTooLargeError(message, numberOr(fields.tokens), numberOr(fields.limit)),
  GenerationTimeoutError: (message) => new GenerationTimeoutError(message),
  InvalidModelOutputError: (message) => new InvalidModelOutputError(message),
  InvalidLlmSettingsError: (message) => new InvalidLlmSettingsError(message),
  ModelLoadError: (message) => new ModelLoadError(message),
  ScriptExhaustedError: (message) => new ScriptExhaustedError(message),
  EditRangeError: (message) => new EditRangeError(message),
  InvalidConfigError: (message) => new InvalidConfigError(message),
  AbortError: (message) => new DOMException(message, "AbortError"),
  TimeoutError: (message) => new DOMException(message, "TimeoutError"),
  TypeError: (message) => new TypeError(message),
  RangeError: (message) => new RangeError(message),
  SyntaxError: (message) => new SyntaxError(message),
};

/**
 * The error `serializeError` described. Where `ref` names an error the main
 * thread still holds (`byRef`), that very object comes back, so callers'
 * `instanceof` checks and identity comparisons hold across the thread boundary.
 * `onRebuilt` is told of each rebuilt error that carried a ref (the worker
 * keeps it, so the error can name the original on its way back).
 */
export function deserializeError(wire: SerializedError, byRef: (ref: number) => unknown = () => undefined, onRebuilt?: (error: Error, ref: number) => void): unknown {
  if (wire.ref !== undefined) {
    const original = byRef(wire.ref);
    if (original !== undefined) return original;
  }
  const rebuild = REBUILD[wire.name];
  const error = rebuild ? rebuild(wire.message, wire.fields) : new Error(wire.message);
  if (!rebuild && wire.name !== "Error") Object.defineProperty(error, "name", { value: wire.name, enumerable: false, configurable: true, writable: true });
  for (const [key, value] of Object.entries(wire.fields)) {
    if (!(key in error)) Object.defineProperty(error, key, { value, enumerable: true, configurable: true, writable: true });
  }
  if (wire.stack !== undefined) Object.defineProperty(error, "stack", { value: wire.stack, enumerable: false, configurable: true, writable: true });
  if (wire.cause !== undefined) Object.defineProperty(error, "cause", { value: deserializeError(wire.cause, byRef, onRebuilt), enumerable: false, configurable: true, writable: true });
  if (wire.ref !== undefined) onRebuilt?.(error, wire.ref);
  return error;
}

function numberOr(value: Fields[string] | undefined): number {
  return typeof value === "number" ? value : Number.NaN;
}
