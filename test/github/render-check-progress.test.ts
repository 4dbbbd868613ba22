import { describe, expect, it } from "vitest";
import { renderCheckProgress } from "../../src/github/render-check-progress.js";
import { renderScanProgress } from "../../src/scan/render-scan-progress.js";

describe("renderCheckProgress", () => {
  it("names the stage, how far it got, and the file the model is on as inline code", () => {
    expect(renderCheckProgress({ stage: "model", done: 1, total: 3, path: "src/cart.ts" })).toEqual({
      title: "Asking the model (1 / 3)",
      summary: "patchsmith is reviewing this commit: asking the model (1 / 3), on `src/cart.ts`.",
    });
    expect(renderCheckProgress({ stage: "fixes", unit: "tasks", done: 0, total: 2, path: "src/a.ts" }).title).toBe("Asking the model to fix what ESLint and TypeScript found (0 / 2 tasks)");
    expect(renderCheckProgress({ stage: "analyze", done: 2, total: 2 }).summary).toBe("patchsmith is reviewing this commit: analysing files (2 / 2).");
  });

  it("shows a path that carries markdown or a mention as code, never rendered", () => {
    const summary = renderCheckProgress({ stage: "tests", done: 0, total: 1, path: "src/`@admin` [x](http://e.invalid).ts" }).summary;
    expect(summary).toContain("on ``src/`@admin` [x](http://e.invalid).ts``");
    expect(renderScanProgress({ stage: "model", done: 0, total: 1, path: "a.ts" }).summary).toBe("patchsmith is scanning the whole repository at this commit: asking the model (0 / 1), on `a.ts`.");
  });
});
