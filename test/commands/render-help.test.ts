import { describe, expect, it } from "vitest";
import { renderHelp } from "../../src/commands/render-help.js";

describe("renderHelp", () => {
  it("names an unknown word safely and says why the config could not be used", () => {
    const text = renderHelp({ unknown: "`<!--x", config: { ok: false, message: ".github/patchsmith.yml is not valid: `maxComments`: Too big; see https://evil.example" } });
    expect(text.startsWith("patchsmith has no command `` `x ``. Write a command")).toBe(true);
    expect(text).not.toContain("<!--");
    expect(text).toContain("- .github/patchsmith.yml is not valid: `maxComments`: Too big; see https\\[:\\]//evil\\[.\\]example");
    expect(text).not.toContain("- automatic reviews of this pull request:");
    expect(text).not.toContain("@");
  });
});
