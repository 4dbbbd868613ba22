import { describe, expect, it } from "vitest";
import { createScriptedGenerator } from "../../src/llm/scripted-generator.js";

describe("createScriptedGenerator", () => {
  it("replays answers per operation in order, from values, raw text or functions, and records the prompts", async () => {
    const generator = createScriptedGenerator({
      answers: {
        fix: [{ replacement: "a", explanation: "" }, { raw: '{"replacement": "b", "explanation": ""}' }, (request) => ({ replacement: request.operation, explanation: "" })],
      },
    });
    const request = { path: "a.ts", startLine: 1, endLine: 1, fileText: "x\n", instruction: "do it" };
    expect((await generator.fixRange(request)).replacement).toBe("a");
    expect(generator.remaining("fix")).toBe(2);
    expect((await generator.fixRange(request)).replacement).toBe("b");
    expect((await generator.fixRange(request)).replacement).toBe("fix");
    expect(generator.calls).toHaveLength(3);
    expect(generator.calls[0]).toMatchObject({ operation: "fix", temperature: 0 });
    expect(generator.calls[0]?.user).toContain("do it");
  });
});
