import { describe, expect, it } from "vitest";
import { fixPromptCandidates } from "../../../src/llm/prompts/fix-prompt.js";

const request = {
  path: "src/heading.ts",
  startLine: 2,
  endLine: 2,
  fileText: 'import type { Order } from "./order.js";\nexport const h = (order: Order): string => order.country;\n',
  instruction: "Fix this error:\nline 2:50 error ts/TS2339 Property 'country' does not exist on type 'Order'.",
};

describe("fixPromptCandidates", () => {
  it("shows the types the lines use, declared elsewhere, as untrusted data in the fuller prompts only", () => {
    const [fullest, , smaller] = fixPromptCandidates({ ...request, typesText: "// src/order.ts\nexport interface Order { readonly shipTo: string }" });
    expect(fullest?.user).toMatch(/Types these lines use, declared elsewhere:\n<untrusted-data label="types" id="[0-9a-f]+">\n\/\/ src\/order\.ts\nexport interface Order/);
    expect(smaller?.user).not.toContain("Types these lines use");
  });

  it("has no types block without types", () => {
    expect(fixPromptCandidates(request)[0]?.user).not.toContain("Types these lines use");
  });
});
