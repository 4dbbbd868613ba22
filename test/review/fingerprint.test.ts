import { describe, expect, it } from "vitest";
import { fingerprint } from "../../src/review/fingerprint.js";

describe("fingerprint", () => {
  const base = { path: "src/a.ts", code: "const x = foo( 1 );", rule: "eslint/no-unused-vars" };

  it("is 16 lower-case hex characters and deterministic", () => {
    expect(fingerprint(base)).toMatch(/^[0-9a-f]{16}$/);
    expect(fingerprint(base)).toBe(fingerprint({ ...base }));
  });

  it("ignores indentation and whitespace changes", () => {
    expect(fingerprint({ ...base, code: "    const x =\tfoo( 1 );\n" })).toBe(fingerprint(base));
    expect(fingerprint({ ...base, code: "const x = foo(\n  1\n);" })).toBe(fingerprint({ ...base, code: "const x = foo( 1 );" }));
  });

  it("changes with the path, the code or the rule", () => {
    const print = fingerprint(base);
    expect(fingerprint({ ...base, path: "src/b.ts" })).not.toBe(print);
    expect(fingerprint({ ...base, code: "const y = foo( 1 );" })).not.toBe(print);
    expect(fingerprint({ ...base, rule: "ts/TS2304" })).not.toBe(print);
  });

  it("does not let fields run into each other", () => {
    expect(fingerprint({ path: "a", code: "b c", rule: "d" })).not.toBe(fingerprint({ path: "a b", code: "c", rule: "d" }));
  });
});
