import { describe, expect, it } from "vitest";
import { parseBunLock } from "../../../src/environment/lockfiles/parse-bun-lock.js";

const BUN_LOCK = `{
  "lockfileVersion": 1,
  "workspaces": {
    "": {
      "name": "my-app",
      "dependencies": {
        "forked": "github:me/forked",
        "old-lodash": "npm:lodash@3.10.1",
        "react": "^18.3.1",
        "shared": "workspace:*",
      },
      "devDependencies": {
        "@types/react": "^18.3.3",
        "typescript": "^5.5.3",
      },
    },
    "packages/shared": {
      "name": "shared",
      "dependencies": {
        "zod": "^3.23.8",
      },
    },
  },
  "packages": {
    "@types/prop-types": ["@types/prop-types@15.7.12", "", {}, "sha512-abc"],

    "@types/react": ["@types/react@18.3.3", "", { "dependencies": { "@types/prop-types": "*", "csstype": "^3.0.2" } }, "sha512-abc"],

    "@types/react/csstype": ["csstype@2.6.21", "", {}, "sha512-abc"],

    "csstype": ["csstype@3.1.3", "", {}, "sha512-abc"],

    "forked": ["forked@github:me/forked#0123456", {}, "me-forked-0123456"],

    "local-lib": ["local-lib@file:../local-lib", {}],

    "old-lodash": ["lodash@3.10.1", "", {}, "sha512-abc"],

    "react": ["react@18.3.1", "", { "dependencies": { "loose-envify": "^1.1.0" } }, "sha512-abc"],

    "shared": ["shared@workspace:packages/shared"],

    "shared/zod": ["zod@3.22.0", "", {}, "sha512-abc"],

    "typescript": ["typescript@5.5.3", "", { "bin": { "tsc": "bin/tsc", "tsserver": "bin/tsserver" } }, "sha512-abc"],

    "zod": ["zod@3.23.8", "", {}, "sha512-abc"],
  }
}
`;

describe("parseBunLock", () => {
  it("reads the hoisted entries of a bun.lock with trailing commas, skipping nested keys, workspaces, git, file: and aliases", () => {
    expect(Object.fromEntries(parseBunLock(BUN_LOCK))).toEqual({
      "@types/prop-types": "15.7.12",
      "@types/react": "18.3.3",
      csstype: "3.1.3",
      react: "18.3.1",
      typescript: "5.5.3",
      zod: "3.23.8",
    });
  });

  it("accepts a lockfile without packages", () => {
    expect(parseBunLock('{ "lockfileVersion": 1, "workspaces": { "": { "name": "x" } }, }').size).toBe(0);
  });

  it.each([
    ["text that is not JSON", '{ "lockfileVersion": 1, "packages": { "react": ["react@18.3.1", ', /^not valid JSON/],
    ["a root that is not an object", '["react@18.3.1"]', /root value is not a JSON object/],
    ["a missing lockfileVersion", '{ "packages": {} }', /no numeric lockfileVersion/],
    ["packages that is not an object", '{ "lockfileVersion": 1, "packages": [] }', /"packages" is not an object/],
    ["an entry that is not an array", '{ "lockfileVersion": 1, "packages": { "react": "18.3.1" } }', /packages\["react"\] is not an array/],
  ])("throws a clear Error for %s", (_what, text, message) => {
    expect(() => parseBunLock(text)).toThrow(message);
  });
});
