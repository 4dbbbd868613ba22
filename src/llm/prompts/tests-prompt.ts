import type { WriteTestsRequest } from "../generator.js";
import type { Prompt } from "./prompt.js";
import { truncateText } from "./truncate-text.js";
import { UNTRUSTED_DATA_RULE, untrustedBlock } from "./untrusted-block.js";

const SYSTEM = [
  "You write focused unit tests for one exported symbol of a TypeScript or JavaScript module.",
  UNTRUSTED_DATA_RULE,
  "Cover the normal case, edge cases and error cases the code handles. Import the symbol with a relative path from the test file. " +
    "Use only the test framework named and the module's real exports; no network, no real clock, no sleeping.",
  'Answer with JSON only: {"code": "the complete test file", "explanation": "one sentence on what is covered"}',
].join("\n\n");

function build(request: WriteTestsRequest, sourceChars: number, existingChars: number): Prompt {
  const parts = [
    `Source file \`${request.path}\`:\n${untrustedBlock("code", truncateText(request.sourceText, sourceChars))}`,
    `Symbol to test: ${untrustedBlock("symbol", request.symbol)}`,
    `Test file to write: \`${request.testPath}\`, framework: ${request.framework ?? "vitest"}.`,
  ];
  if (request.existingTestText !== undefined && existingChars > 0) {
    parts.push(`The existing test file, for its style:\n${untrustedBlock("existing-tests", truncateText(request.existingTestText, existingChars))}`);
  }
  parts.push("Write the test file and answer with the JSON described.");
  return { system: SYSTEM, user: parts.join("\n\n") };
}

/** The tests prompt, with less of the existing tests and then less of the source at each level. */
export function testsPromptCandidates(request: WriteTestsRequest): Prompt[] {
  return [build(request, 60_000, 20_000), build(request, 60_000, 4_000), build(request, 60_000, 0), build(request, 12_000, 0), build(request, 3_000, 0)];
}
