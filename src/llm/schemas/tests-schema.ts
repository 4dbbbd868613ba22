import type { GbnfJsonSchemaToType } from "node-llama-cpp";

/** What the model returns when asked to write unit tests for one symbol. */
export const testsSchema = {
  type: "object",
  properties: {
    code: { type: "string", maxLength: 8000 },
    explanation: { type: "string", maxLength: 600 },
  },
} as const;

export type TestsOutput = GbnfJsonSchemaToType<typeof testsSchema>;
