import { describe, expect, it } from "vitest";
import { summariseUntrusted } from "../../src/review/summarise-untrusted.js";

const TOKEN = "ghp_0123456789abcdefghijABCDEFGHIJklmnop";
const repo = { owner: "acme", repo: "widgets" };

describe("summariseUntrusted", () => {
  it("keeps short prose as it is, on one line", () => {
    expect(summariseUntrusted("Rename `foo`.\nIt shadows the import.", repo, 100)).toBe("Rename `foo`. It shadows the import.");
  });

  it("cuts at the length given, with an ellipsis, and never leaves half a surrogate pair", () => {
    expect(summariseUntrusted("abcdefghij", repo, 4)).toBe("abcd…");
    expect(summariseUntrusted("abc😀def", repo, 4)).toBe("abc…");
  });

  it("redacts a secret before cutting, so a cut token cannot slip through", () => {
    const out = summariseUntrusted(`key ${TOKEN} here`, repo, 20);
    expect(out).not.toContain("ghp_");
    expect(out.endsWith("…")).toBe(true);
  });

  it("sanitises what it keeps (mentions in code spans)", () => {
    expect(summariseUntrusted("cc @octocat", repo, 100)).toBe("cc `@octocat`");
  });
});
