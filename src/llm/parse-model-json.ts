import type { GbnfJsonSchema, GbnfJsonSchemaToType } from "node-llama-cpp";
import { checkJsonSchema } from "./check-json-schema.js";
import { InvalidModelOutputError } from "./errors/invalid-model-output-error.js";

/**
 * Parse the model's answer and check it against the schema it was generated
 * for, so the value really has the type the schema declares.
 */
export function parseModelJson<const S extends GbnfJsonSchema>(text: string, schema: S, what: string): GbnfJsonSchemaToType<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const preview = text.length > 200 ? `${text.slice(0, 200)}…` : text;
    throw new InvalidModelOutputError(`The model's ${what} is not JSON (${(error as Error).message}): ${JSON.stringify(preview)}`, { cause: error });
  }
  const problems = checkJsonSchema(value, schema);
  if (problems.length > 0) {
    throw new InvalidModelOutputError(`The model's ${what} does not match its schema: ${problems.slice(0, 5).join("; ")}`);
  }
  return value as GbnfJsonSchemaToType<S>;
}
