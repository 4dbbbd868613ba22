import { describe, expect, it } from "vitest";
import { checkJsonSchema } from "../../src/llm/check-json-schema.js";
import { InvalidModelOutputError } from "../../src/llm/errors/invalid-model-output-error.js";
import { parseModelJson } from "../../src/llm/parse-model-json.js";
import { reviewSchema } from "../../src/llm/schemas/review-schema.js";

const good = {
  findings: [
    { startLine: 3, line: 4, quote: "x", severity: "warning", category: "bug", message: "Off by one.", edit: { startLine: 3, endLine: 4, replacement: "x" } },
    { startLine: 9, line: 9, quote: "y", severity: "info", category: "style", message: "Name.", edit: null },
  ],
};

describe("checkJsonSchema", () => {
  it("accepts a value that conforms", () => {
    expect(checkJsonSchema(good, reviewSchema)).toEqual([]);
    expect(checkJsonSchema({ findings: [] }, reviewSchema)).toEqual([]);
  });

  it("names every problem with its path", () => {
    const bad = {
      findings: [{ startLine: 1.5, line: 2, quote: "q", severity: "fatal", category: "bug", message: "x", edit: { startLine: 1, endLine: 2 } }],
      extra: true,
    };
    expect(checkJsonSchema(bad, reviewSchema)).toEqual([
      "$.findings[0].startLine must be integer, not number",
      '$.findings[0].severity must be one of "error", "warning", "info"',
      "$.findings[0].edit matches none of the allowed shapes",
      "$.extra is not allowed",
    ]);
  });

  it("checks lengths, item counts and missing properties", () => {
    const many = { findings: Array.from({ length: 5 }, () => good.findings[1]) };
    expect(checkJsonSchema(many, reviewSchema)).toEqual(["$.findings has more than 4 items"]);
    expect(checkJsonSchema({}, reviewSchema)).toEqual(["$.findings is missing"]);
    expect(checkJsonSchema({ findings: [{ ...good.findings[1], message: "x".repeat(301) }] }, reviewSchema)).toEqual([
      "$.findings[0].message is longer than 300 characters",
    ]);
  });
});

describe("parseModelJson", () => {
  it("returns the typed value", () => {
    const value = parseModelJson(JSON.stringify(good), reviewSchema, "review");
    expect(value.findings[0]?.edit?.replacement).toBe("x");
  });

  it("throws InvalidModelOutputError for text that is not JSON or not the schema's shape", () => {
    expect(() => parseModelJson("Sure, here it is: {", reviewSchema, "review")).toThrow(InvalidModelOutputError);
    expect(() => parseModelJson("Sure, here it is: {", reviewSchema, "review")).toThrow(/The model's review is not JSON/);
    expect(() => parseModelJson('{"findings": 3}', reviewSchema, "review")).toThrow("The model's review does not match its schema: $.findings must be array, not integer");
  });
});
