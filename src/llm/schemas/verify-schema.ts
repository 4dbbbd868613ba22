import type { GbnfJsonSchemaToType } from "node-llama-cpp";

/** What the model returns when asked whether one claim about some lines is true: yes or no, nothing else. */
export const verifySchema = {
  type: "object",
  properties: {
    answer: { enum: ["yes", "no"] },
  },
} as const;

export type VerifyOutput = GbnfJsonSchemaToType<typeof verifySchema>;
