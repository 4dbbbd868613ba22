import type { SerializedError } from "./review-worker-protocol.js";

/** Causes followed at most this deep (a cycle or a very long chain stops here). */
const MAX_DEPTH = 8;

/**
 * An error (or any thrown value) as data for the other thread: name, message,
 * stack, own primitive fields such as `status` or `code`, and the cause chain.
 * `refOf` tags errors the main thread still holds, so they can be handed back
 * as the very same objects.
 */
export function serializeError(error: unknown, refOf: (error: object) => number | undefined = () => undefined, depth = 0): SerializedError {
  if (!(error instanceof Error)) {
    const ref = typeof error === "object" && error !== null ? refOf(error) : undefined;
    return { name: "Error", message: describeThrown(error), fields: {}, ...(ref === undefined ? {} : { ref }) };
  }
  const fields: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(error as unknown as Record<string, unknown>)) {
    if (key === "name" || key === "message" || key === "stack" || key === "cause") continue;
    if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") fields[key] = value;
  }
  const ref = refOf(error);
  const cause = error.cause !== undefined && depth < MAX_DEPTH ? serializeError(error.cause, refOf, depth + 1) : undefined;
  return {
    name: error.name,
    message: error.message,
    ...(error.stack === undefined ? {} : { stack: error.stack }),
    fields,
    ...(cause === undefined ? {} : { cause }),
    ...(ref === undefined ? {} : { ref }),
  };
}

function describeThrown(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    // undefined for undefined, functions and symbols
    const json = JSON.stringify(value) as string | undefined;
    return json ?? String(value);
  } catch {
    return String(value);
  }
}
