import type { GbnfJsonSchemaToType } from "node-llama-cpp";

/** What the model returns when asked a question about the pull request. */
export const answerSchema = {
  type: "object",
  properties: {
    answer: { type: "string", maxLength: 3000 },
    references: {
      type: "array",
      maxItems: 10,
      items: {
        type: "object",
        properties: {
          path: { type: "string", maxLength: 300 },
          line: { type: "integer" },
        },
      },
    },
  },
} as const;

export type AnswerOutput = GbnfJsonSchemaToType<typeof answerSchema>;
