import { describe, expect, it } from "vitest";
import { classifyPath, isScriptPath, isTypeScriptPath } from "../../src/diff/classify-path.js";
import { defaultRepoConfig } from "../../src/config/repo-config.js";

const defaults = { include: defaultRepoConfig.include, ignore: defaultRepoConfig.ignore };

describe("classifyPath", () => {
  it("reviews ordinary source files, dotfiles included", () => {
    expect(classifyPath("src/app.ts", defaults)).toEqual({ review: true });
    expect(classifyPath(".github/scripts/release.mjs", defaults)).toEqual({ review: true });
  });

  it.each([
    ["package-lock.json", "lockfile"],
    ["packages/web/yarn.lock", "lockfile"],
    ["pnpm-lock.yaml", "lockfile"],
    ["bun.lockb", "lockfile"],
    ["npm-shrinkwrap.json", "lockfile"],
    ["dist/index.js", "generated file (in dist/)"],
    ["packages/a/build/out.js", "generated file (in build/)"],
    ["out/main.js", "generated file (in out/)"],
    ["coverage/lcov-report/index.js", "generated file (in coverage/)"],
    ["src/__generated__/graphql.ts", "generated file (in __generated__/)"],
    ["public/vendor.min.js", "generated file"],
    ["src/app.js.map", "generated file"],
    ["src/api.generated.ts", "generated file"],
    ["test/__snapshots__/app.test.ts.snap", "generated file"],
    ["node_modules/left-pad/index.js", "vendored dependency (in node_modules/)"],
    ["vendor/lib.js", "vendored dependency (in vendor/)"],
    ["src/third_party/x.ts", "vendored dependency (in third_party/)"],
    ["bower_components/jquery/jquery.js", "vendored dependency (in bower_components/)"],
  ])("skips %s as %s", (path, reason) => {
    expect(classifyPath(path, defaults)).toEqual({ review: false, reason });
  });

  it("does not mistake files named like directories for them", () => {
    expect(classifyPath("src/build.ts", defaults)).toEqual({ review: true });
    expect(classifyPath("src/dist", defaults)).toEqual({ review: true });
  });

  it("applies ignore globs, matching dotfiles, and globs without a slash at any depth", () => {
    const config = { include: ["**/*"], ignore: ["docs/**", "*.md", ".storybook/**"] };
    expect(classifyPath("docs/guide/intro.ts", config)).toEqual({ review: false, reason: "matches ignore pattern `docs/**` in .github/patchsmith.yml" });
    expect(classifyPath("packages/a/README.md", config)).toMatchObject({ review: false });
    expect(classifyPath(".storybook/main.ts", config)).toMatchObject({ review: false });
    expect(classifyPath("src/index.ts", config)).toEqual({ review: true });
  });

  it("reviews only what the include globs match", () => {
    const config = { include: ["src/**/*.ts"], ignore: [""] };
    expect(classifyPath("src/a/b.ts", config)).toEqual({ review: true });
    expect(classifyPath("scripts/build.ts", config)).toEqual({ review: false, reason: "not matched by the include patterns in .github/patchsmith.yml" });
  });

  it("lets the built-in list win over include", () => {
    expect(classifyPath("dist/x.ts", { include: ["dist/**"], ignore: [] })).toMatchObject({ review: false });
  });
});

describe("isScriptPath and isTypeScriptPath", () => {
  it.each([
    ["a.ts", true, true],
    ["a.tsx", true, true],
    ["a.mts", true, true],
    ["a.cts", true, true],
    ["types.d.ts", true, true],
    ["a.js", true, false],
    ["a.jsx", true, false],
    ["a.mjs", true, false],
    ["a.cjs", true, false],
    ["a.json", false, false],
    ["a.ts.md", false, false],
    ["tsconfig", false, false],
  ])("%s: script %s, TypeScript %s", (path, script, typescript) => {
    expect(isScriptPath(path)).toBe(script);
    expect(isTypeScriptPath(path)).toBe(typescript);
  });
});
