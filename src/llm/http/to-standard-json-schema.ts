import type { GbnfJsonSchema } from "node-llama-cpp";

/**
 * The schema as servers with strict structured output expect it (OpenAI,
 * vLLM, llama.cpp's server, Ollama): every property listed in `required`,
 * `additionalProperties: false`, and `anyOf` instead of `oneOf`.
 * node-llama-cpp's grammars imply the first two; servers do not.
 */
export function toStandardJsonSchema(schema: GbnfJsonSchema): Record<string, unknown> {
  return convert(schema);
}

function convert(node: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "oneOf" && Array.isArray(value)) out["anyOf"] = value.map((item: unknown) => convert(item as Record<string, unknown>));
    else if (key === "items" && typeof value === "object" && value !== null) out[key] = convert(value as Record<string, unknown>);
    else if (key === "properties" && typeof value === "object" && value !== null) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, convert(child as Record<string, unknown>)]));
    } else out[key] = value;
  }
  if (node["type"] === "object") {
    out["required"] = Object.keys((node["properties"] as Record<string, unknown> | undefined) ?? {});
    if (node["additionalProperties"] === undefined) out["additionalProperties"] = false;
  }
  return out;
}
