import type { WriteTestsRequest } from "../generator.js";
import type { Prompt } from "./prompt.js";
import { promptPath } from "./prompt-path.js";
import { truncateText } from "./truncate-text.js";
import { UNTRUSTED_DATA_RULE, untrustedBlock } from "./untrusted-block.js";

const SYSTEM = [
  "You write focused unit tests for exported symbols of a TypeScript or JavaScript module, in the style of the repository's existing tests.",
  UNTRUSTED_DATA_RULE,
  "Write one or two short cases for each symbol: the normal case and, where the code handles one, an edge or error case; every answer token costs time. Import the module exactly as instructed. " +
    "Use only the test framework named, the module's real exports and the language's standard library; no other packages unless the examples use them. " +
    "No network, no real clock, no sleeping, no files outside a temporary directory. Every test must pass against the code as it is.",
  "If an existing test file is given, return that complete file with your new cases added and its existing tests unchanged.",
  "If earlier attempts are listed, they were rejected by ESLint and the TypeScript compiler, or failed when run, for the reasons given: do not repeat those mistakes. " +
    "A failed run means the code is right and the test is wrong: correct the expected values from what the code does.",
  "Answer with the complete test file in one fenced code block (```ts ... ```) and nothing else.",
].join("\n\n");

interface Budget {
  readonly source: number;
  readonly existing: number;
  readonly examples: number;
  readonly types: number;
  readonly callers: number;
  readonly attempts: number;
}

const LEVELS: readonly Budget[] = [
  { source: 60_000, existing: 20_000, examples: 12_000, types: 8_000, callers: 20, attempts: 3 },
  { source: 60_000, existing: 20_000, examples: 4_000, types: 4_000, callers: 10, attempts: 2 },
  { source: 30_000, existing: 12_000, examples: 0, types: 2_000, callers: 5, attempts: 1 },
  { source: 12_000, existing: 6_000, examples: 0, types: 0, callers: 0, attempts: 1 },
  { source: 3_000, existing: 3_000, examples: 0, types: 0, callers: 0, attempts: 0 },
];

function build(request: WriteTestsRequest, budget: Budget): Prompt {
  const symbols = request.symbols ?? [request.symbol];
  const parts = [
    `Source file ${promptPath(request.path)}:\n${untrustedBlock("code", truncateText(request.sourceText, budget.source))}`,
    `Symbols to test: ${untrustedBlock("symbols", symbols.join("\n"))}`,
    `Test file to write: ${promptPath(request.testPath)}, framework: ${request.framework ?? "vitest"}.` +
      (request.importPath === undefined ? "" : ` Import the module as ${promptPath(request.importPath)}.`),
  ];
  if (request.conventions !== undefined && request.conventions.length > 0) {
    parts.push(`How this repository writes tests:\n${request.conventions.map((line) => `- ${line}`).join("\n")}`);
  }
  if (request.skeleton !== undefined) {
    parts.push(`A correct test file here has this shape (one example; write the real cases):\n\`\`\`ts\n${request.skeleton}\`\`\``);
  }
  if (request.typesText !== undefined && request.typesText !== "" && budget.types > 0) {
    parts.push(`Types the symbols use:\n${untrustedBlock("types", truncateText(request.typesText, budget.types))}`);
  }
  const callers = (request.callers ?? []).slice(0, budget.callers);
  if (callers.length > 0) {
    parts.push(`Where the pull request calls them:\n${untrustedBlock("callers", callers.map((c) => `${c.path}:${c.line}: ${c.text.trim()}`).join("\n"))}`);
  }
  let exampleRoom = budget.examples;
  for (const example of request.examples ?? []) {
    if (exampleRoom <= 0) break;
    const text = truncateText(example.text, exampleRoom);
    exampleRoom -= text.length;
    parts.push(`An existing test, \`${example.path}\`, for its style:\n${untrustedBlock("example-test", text)}`);
  }
  if (request.existingTestText !== undefined && budget.existing > 0) {
    parts.push(`The existing test file \`${request.testPath}\` (keep its tests, add yours):\n${untrustedBlock("existing-tests", truncateText(request.existingTestText, budget.existing))}`);
  }
  const previous = (request.previousAttempts ?? []).slice(-budget.attempts);
  previous.forEach((attempt, index) => {
    const reasons = attempt.reasons.map((reason) => `- ${reason}`).join("\n");
    parts.push(`Rejected attempt ${index + 1}:\n${untrustedBlock("rejected-test", truncateText(attempt.code, 8_000))}\nWhy it was rejected:\n${untrustedBlock("rejection-reasons", reasons)}`);
  });
  parts.push("Write the test file in one fenced block.");
  return { system: SYSTEM, user: parts.join("\n\n") };
}

/** The tests prompt, with fewer examples, types, callers and earlier attempts, then less source, at each level. */
export function testsPromptCandidates(request: WriteTestsRequest): Prompt[] {
  return LEVELS.map((budget) => build(request, budget));
}
