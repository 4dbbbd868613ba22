import type { GbnfJsonSchemaToType } from "node-llama-cpp";

/**
 * What the model returns when it reviews a group of hunks of one file.
 * Declared once: it is both the grammar (or the server's json_schema) and,
 * through `ReviewOutput`, the TypeScript type of the parsed answer.
 */
export const reviewSchema = {
  type: "object",
  properties: {
    findings: {
      type: "array",
      maxItems: 4,
      items: {
        type: "object",
        properties: {
          startLine: { type: "integer" },
          line: { type: "integer" },
          // The code the finding is about, copied from those lines: a finding whose quote is not there is dropped.
          quote: { type: "string", maxLength: 200 },
          severity: { enum: ["error", "warning", "info"] },
          category: { enum: ["bug", "security", "performance", "maintainability", "style", "test"] },
          message: { type: "string", maxLength: 300 },
          edit: {
            oneOf: [
              { type: "null" },
              {
                type: "object",
                properties: {
                  startLine: { type: "integer" },
                  endLine: { type: "integer" },
                  replacement: { type: "string", maxLength: 4000 },
                },
              },
            ],
          },
        },
      },
    },
  },
} as const;

export type ReviewOutput = GbnfJsonSchemaToType<typeof reviewSchema>;
export type ModelFinding = ReviewOutput["findings"][number];
