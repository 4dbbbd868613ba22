import { describe, expect, it } from "vitest";
import { renderSuggestionBlock } from "../../src/review/render-suggestion.js";

describe("renderSuggestionBlock", () => {
  it("uses a three-backtick fence for ordinary code", () => {
    expect(renderSuggestionBlock("const a = 1;\nconst b = 2;")).toBe("```suggestion\nconst a = 1;\nconst b = 2;\n```");
  });

  it("uses a longer fence than a ``` inside the replacement", () => {
    expect(renderSuggestionBlock("const md = `\n```ts\nx\n```\n`;")).toBe("````suggestion\nconst md = `\n```ts\nx\n```\n`;\n````");
  });

  it("uses a longer fence than a ```` inside the replacement", () => {
    const block = renderSuggestionBlock("// ````");
    expect(block.startsWith("`````suggestion\n")).toBe(true);
    expect(block.endsWith("\n`````")).toBe(true);
  });

  it("renders a deletion as an empty block, which deletes the lines, and an empty replacement as one empty line", () => {
    expect(renderSuggestionBlock("", true)).toBe("```suggestion\n```");
    expect(renderSuggestionBlock("")).toBe("```suggestion\n\n```");
  });

  it("keeps a blank-line replacement distinct from deleting the lines", () => {
    expect(renderSuggestionBlock("\n")).toBe("```suggestion\n\n\n```");
  });
});
