import type { GbnfJsonSchemaToType } from "node-llama-cpp";

/** What the model returns when asked to rewrite a given range of lines. */
export const fixSchema = {
  type: "object",
  properties: {
    replacement: { type: "string", maxLength: 4000 },
    explanation: { type: "string", maxLength: 600 },
  },
} as const;

export type FixOutput = GbnfJsonSchemaToType<typeof fixSchema>;
