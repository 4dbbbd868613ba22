import { describe, expect, it } from "vitest";
import { toStandardJsonSchema } from "../../../src/llm/http/to-standard-json-schema.js";
import { reviewSchema } from "../../../src/llm/schemas/review-schema.js";

describe("toStandardJsonSchema", () => {
  it("makes every property required, forbids others and uses anyOf", () => {
    const schema = toStandardJsonSchema(reviewSchema);
    expect(schema).toMatchObject({ type: "object", required: ["findings"], additionalProperties: false });
    const item = (schema["properties"] as { findings: { items: Record<string, unknown> } }).findings.items;
    expect(item["required"]).toEqual(["startLine", "line", "quote", "severity", "category", "message", "edit"]);
    const edit = (item["properties"] as { edit: Record<string, unknown> }).edit;
    expect(edit["oneOf"]).toBeUndefined();
    expect(edit["anyOf"]).toEqual([
      { type: "null" },
      {
        type: "object",
        properties: { startLine: { type: "integer" }, endLine: { type: "integer" }, replacement: { type: "string", maxLength: 4000 } },
        required: ["startLine", "endLine", "replacement"],
        additionalProperties: false,
      },
    ]);
  });
});
