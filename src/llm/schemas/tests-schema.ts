import type { GbnfJsonSchemaToType } from "node-llama-cpp";

/**
 * What the model returns when asked to write unit tests: the file (its path
 * and complete content), the symbols it covers, and each case with the reason
 * it is worth having. The path comes first and the cases before the code, so
 * the model plans the cases before writing them.
 */
export const testsSchema = {
  type: "object",
  properties: {
    path: { type: "string", maxLength: 300 },
    symbols: { type: "array", maxItems: 20, items: { type: "string", maxLength: 200 } },
    cases: {
      type: "array",
      maxItems: 30,
      items: {
        type: "object",
        properties: {
          name: { type: "string", maxLength: 200 },
          why: { type: "string", maxLength: 400 },
        },
      },
    },
    code: { type: "string", maxLength: 12000 },
    explanation: { type: "string", maxLength: 600 },
  },
} as const;

export type TestsOutput = GbnfJsonSchemaToType<typeof testsSchema>;
