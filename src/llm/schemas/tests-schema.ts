import type { GbnfJsonSchemaToType } from "node-llama-cpp";

/**
 * The header line of a test-writing answer: each case with the reason it is
 * worth having (planned before the code is written), and one sentence for
 * the reader. The test file itself follows as a fenced block
 * (TESTS_ANSWER_GRAMMAR), never inside a JSON string.
 */
export const testsHeaderSchema = {
  type: "object",
  properties: {
    cases: {
      type: "array",
      maxItems: 12,
      items: {
        type: "object",
        properties: {
          name: { type: "string", maxLength: 200 },
          why: { type: "string", maxLength: 300 },
        },
      },
    },
    explanation: { type: "string", maxLength: 300 },
  },
} as const;

export type TestsHeader = GbnfJsonSchemaToType<typeof testsHeaderSchema>;

/** A test-writing answer as the rest of patchsmith sees it. */
export interface TestsOutput extends TestsHeader {
  /** The test file's path: the one asked for (the model is not asked for it). */
  readonly path: string;
  /** The symbols the file was asked to cover. */
  readonly symbols: readonly string[];
  /** The complete test file, without a markdown fence. */
  readonly code: string;
}
