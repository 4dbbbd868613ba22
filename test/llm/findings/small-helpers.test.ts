import { describe, expect, it } from "vitest";
import { findingTitle } from "../../../src/llm/findings/finding-title.js";
import { mapWithConcurrency } from "../../../src/llm/findings/map-with-concurrency.js";
import { normalizeReplacement } from "../../../src/llm/findings/normalize-replacement.js";
import { restoreIndentation } from "../../../src/llm/findings/restore-indentation.js";
import { stripLineNumbers } from "../../../src/llm/findings/strip-line-numbers.js";
import { trimEchoedContext } from "../../../src/llm/findings/trim-echoed-context.js";

describe("normalizeReplacement", () => {
  it("removes a wrapping fence and one trailing newline, nothing else", () => {
    expect(normalizeReplacement("```ts\nconst a = 1;\n```")).toBe("const a = 1;");
    expect(normalizeReplacement("  return x;\n")).toBe("  return x;");
    expect(normalizeReplacement("a\n\n")).toBe("a\n");
    expect(normalizeReplacement("const s = `x`;")).toBe("const s = `x`;");
  });
});

describe("findingTitle", () => {
  it("takes the first sentence, shortened to 80 characters", () => {
    expect(findingTitle("Use multiplication. It reads better.")).toBe("Use multiplication.");
    expect(findingTitle("x".repeat(100))).toBe(`${"x".repeat(79)}…`);
    expect(findingTitle("   ")).toBe("Suggested change");
  });
});

describe("mapWithConcurrency", () => {
  it("keeps the order and never runs more than the limit at once", async () => {
    let running = 0;
    let peak = 0;
    const result = await mapWithConcurrency([5, 1, 4, 2, 3], 2, async (value) => {
      running += 1;
      peak = Math.max(peak, running);
      for (let i = 0; i < value; i += 1) await Promise.resolve();
      running -= 1;
      return value * 10;
    });
    expect(result).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});

describe("restoreIndentation", () => {
  it("indents a replacement the model wrote at column 0 like the line it replaces", () => {
    expect(restoreIndentation("const a = 1;\n\nreturn a;", "    let a = 1;")).toBe("    const a = 1;\n\n    return a;");
  });

  it("keeps the relative indentation, and leaves an indented replacement or one for an unindented line as it is", () => {
    expect(restoreIndentation("if (x) {\n  y();\n}", "  if (x) y();")).toBe("  if (x) {\n    y();\n  }");
    expect(restoreIndentation("  return a;", "    return b;")).toBe("  return a;");
    expect(restoreIndentation("const a = 1;", "let a = 1;")).toBe("const a = 1;");
  });
});

describe("trimEchoedContext", () => {
  const file = "interface User { name: string }\n\nexport function label(u: User): string {\n  return u.nmae.trim();\n}\n";

  it("cuts the lines above and below the range that the model copied into its answer", () => {
    const answer = "interface User { name: string }\nexport function label(u: User): string {\n  return u.name.trim();\n}";
    expect(trimEchoedContext(answer, file, 4, 4)).toBe("  return u.name.trim();");
  });

  it("leaves an answer as long as the range, or one that does not copy its surroundings, as it is", () => {
    expect(trimEchoedContext("  return u.name.trim();", file, 4, 4)).toBe("  return u.name.trim();");
    const guard = "  if (u.name === undefined) return \"\";\n  return u.name.trim();";
    expect(trimEchoedContext(guard, file, 4, 4)).toBe(guard);
  });
});

describe("stripLineNumbers", () => {
  it("removes the numbered-listing prefix the model copied onto every line, and nothing else", () => {
    expect(stripLineNumbers('  4 |>  return user.email?.split("@")[1] ?? "";')).toBe('  return user.email?.split("@")[1] ?? "";');
    expect(stripLineNumbers(" 9 |>if (a) {\n10 |   b();\n11 |>}")).toBe("if (a) {\n  b();\n}");
    expect(stripLineNumbers("const a = 1 | 2;\n4 | 5")).toBe("const a = 1 | 2;\n4 | 5");
  });
});
