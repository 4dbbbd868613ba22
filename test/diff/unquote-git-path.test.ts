import { describe, expect, it } from "vitest";
import { unquoteGitPath } from "../../src/diff/unquote-git-path.js";

describe("unquoteGitPath", () => {
  it("decodes octal UTF-8 bytes and C escapes", () => {
    expect(unquoteGitPath('"src/caf\\303\\251.ts"')).toBe("src/café.ts");
    expect(unquoteGitPath('"a\\tb\\"c\\\\d\\n"')).toBe('a\tb"c\\d\n');
  });

  it("leaves unquoted paths and broken escapes as they are", () => {
    expect(unquoteGitPath("src/plain.ts")).toBe("src/plain.ts");
    expect(unquoteGitPath('"odd\\q"')).toBe("odd\\q");
    expect(unquoteGitPath('"')).toBe('"');
  });
});
