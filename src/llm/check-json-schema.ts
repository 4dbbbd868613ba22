import type { GbnfJsonSchema } from "node-llama-cpp";

/** The parts of a schema this checker reads, without the type-level machinery of GbnfJsonSchema. */
interface LooseSchema {
  readonly type?: string | readonly string[];
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly oneOf?: readonly LooseSchema[];
  readonly properties?: Readonly<Record<string, LooseSchema>>;
  readonly additionalProperties?: boolean | LooseSchema;
  readonly items?: LooseSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && Number.isInteger(value)) return "integer";
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  if (type === "number") return actual === "number" || actual === "integer";
  return actual === type;
}

function check(value: unknown, schema: LooseSchema, at: string): string[] {
  if ("const" in schema) return value === schema.const ? [] : [`${at} must be ${JSON.stringify(schema.const)}`];
  if (schema.enum !== undefined) {
    return schema.enum.includes(value) ? [] : [`${at} must be one of ${schema.enum.map((item) => JSON.stringify(item)).join(", ")}`];
  }
  if (schema.oneOf !== undefined) {
    return schema.oneOf.some((option) => check(value, option, at).length === 0) ? [] : [`${at} matches none of the allowed shapes`];
  }
  if (schema.type === undefined) return [];
  const types: readonly string[] = typeof schema.type === "string" ? [schema.type] : schema.type;
  if (!types.some((type) => matchesType(value, type))) return [`${at} must be ${types.join(" or ")}, not ${typeOf(value)}`];
  const problems: string[] = [];
  if (typeof value === "string") {
    if (schema.maxLength !== undefined && value.length > schema.maxLength) problems.push(`${at} is longer than ${schema.maxLength} characters`);
    if (schema.minLength !== undefined && value.length < schema.minLength) problems.push(`${at} is shorter than ${schema.minLength} characters`);
  } else if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(`${at} has more than ${schema.maxItems} items`);
    if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(`${at} has fewer than ${schema.minItems} items`);
    const items = schema.items;
    if (items !== undefined) value.forEach((item: unknown, index) => problems.push(...check(item, items, `${at}[${index}]`)));
  } else if (typeOf(value) === "object") {
    const record = value as Readonly<Record<string, unknown>>;
    const properties = schema.properties ?? {};
    for (const [key, propertySchema] of Object.entries(properties)) {
      if (!(key in record)) problems.push(`${at}.${key} is missing`);
      else problems.push(...check(record[key], propertySchema, `${at}.${key}`));
    }
    if (schema.additionalProperties !== true) {
      for (const key of Object.keys(record)) if (!(key in properties)) problems.push(`${at}.${key} is not allowed`);
    }
  }
  return problems;
}

/**
 * Problems with `value` against `schema` (empty when it conforms), for the
 * subset of JSON Schema that node-llama-cpp's grammars support: every listed
 * property is required and no other property is allowed, as in its grammars.
 * Used where no grammar enforced the schema (an HTTP server, a script).
 */
export function checkJsonSchema(value: unknown, schema: GbnfJsonSchema): string[] {
  return check(value, schema as LooseSchema, "$");
}
