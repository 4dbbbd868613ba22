import { describe, expect, it } from "vitest";
import { parsePackageLock } from "../../../src/environment/lockfiles/parse-package-lock.js";

const REGISTRY = "https://registry.npmjs.org";

const V1 = `{
  "name": "my-app",
  "version": "1.0.0",
  "lockfileVersion": 1,
  "requires": true,
  "dependencies": {
    "@types/node": {
      "version": "14.18.63",
      "resolved": "${REGISTRY}/@types/node/-/node-14.18.63.tgz",
      "integrity": "sha512-abc",
      "dev": true
    },
    "debug": {
      "version": "4.3.4",
      "resolved": "${REGISTRY}/debug/-/debug-4.3.4.tgz",
      "integrity": "sha512-abc",
      "requires": { "ms": "2.1.2" },
      "dependencies": {
        "ms": { "version": "2.1.2", "resolved": "${REGISTRY}/ms/-/ms-2.1.2.tgz", "integrity": "sha512-abc" }
      }
    },
    "forked": { "version": "github:me/forked#0123456789abcdef", "from": "github:me/forked" },
    "local-lib": { "version": "file:../local-lib" },
    "lodash": { "version": "4.17.21", "resolved": "${REGISTRY}/lodash/-/lodash-4.17.21.tgz", "integrity": "sha512-abc" },
    "ms": { "version": "2.0.0", "resolved": "${REGISTRY}/ms/-/ms-2.0.0.tgz", "integrity": "sha512-abc" },
    "old-lodash": { "version": "npm:lodash@3.10.1", "resolved": "${REGISTRY}/lodash/-/lodash-3.10.1.tgz", "integrity": "sha512-abc" },
    "tarball": { "version": "https://example.com/tarball-1.0.0.tgz", "integrity": "sha512-abc" }
  }
}`;

const V2 = `{
  "name": "my-app",
  "version": "1.0.0",
  "lockfileVersion": 2,
  "requires": true,
  "packages": {
    "": {
      "name": "my-app",
      "version": "1.0.0",
      "workspaces": ["packages/*"],
      "dependencies": { "debug": "^4.3.4", "my-lib": "*", "old-lodash": "npm:lodash@^3.10.1", "forked": "github:me/forked" }
    },
    "node_modules/debug": {
      "version": "4.3.4",
      "resolved": "${REGISTRY}/debug/-/debug-4.3.4.tgz",
      "integrity": "sha512-abc",
      "dependencies": { "ms": "2.1.2" }
    },
    "node_modules/debug/node_modules/ms": {
      "version": "2.1.2",
      "resolved": "${REGISTRY}/ms/-/ms-2.1.2.tgz",
      "integrity": "sha512-abc"
    },
    "node_modules/forked": {
      "version": "1.0.0",
      "resolved": "git+ssh://git@github.com/me/forked.git#0123456789abcdef",
      "license": "MIT"
    },
    "node_modules/ms": { "version": "2.0.0", "resolved": "${REGISTRY}/ms/-/ms-2.0.0.tgz", "integrity": "sha512-abc" },
    "node_modules/my-lib": { "resolved": "packages/my-lib", "link": true },
    "node_modules/old-lodash": {
      "name": "lodash",
      "version": "3.10.1",
      "resolved": "${REGISTRY}/lodash/-/lodash-3.10.1.tgz",
      "integrity": "sha512-abc"
    },
    "packages/my-lib": { "version": "0.1.0", "dependencies": { "ms": "^2.1.0" } },
    "packages/my-lib/node_modules/ms": { "version": "2.1.3", "resolved": "${REGISTRY}/ms/-/ms-2.1.3.tgz", "integrity": "sha512-abc" }
  },
  "dependencies": {
    "debug": { "version": "4.3.1" },
    "stale-only-in-v1-section": { "version": "1.0.0" }
  }
}`;

const V3 = `{
  "name": "my-app",
  "version": "1.0.0",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": { "name": "my-app", "version": "1.0.0", "devDependencies": { "@types/react": "^18.2.0", "typescript": "~5.4.0" } },
    "node_modules/@types/prop-types": { "version": "15.7.12", "resolved": "${REGISTRY}/@types/prop-types/-/prop-types-15.7.12.tgz", "dev": true },
    "node_modules/@types/react": { "version": "18.3.3", "resolved": "${REGISTRY}/@types/react/-/react-18.3.3.tgz", "dev": true },
    "node_modules/@types/react/node_modules/csstype": { "version": "2.6.21", "dev": true },
    "node_modules/csstype": { "version": "3.1.3", "dev": true },
    "node_modules/typescript": { "version": "5.4.5-rc", "resolved": "${REGISTRY}/typescript/-/typescript-5.4.5-rc.tgz", "dev": true }
  }
}`;

describe("parsePackageLock", () => {
  it("reads the top-level entries of a v1 dependencies tree, skipping non-registry versions and aliases", () => {
    expect(Object.fromEntries(parsePackageLock(V1))).toEqual({
      "@types/node": "14.18.63",
      debug: "4.3.4",
      lodash: "4.17.21",
      ms: "2.0.0",
    });
  });

  it("reads v2 from packages (not the legacy dependencies section), top level only, skipping links, git and aliases", () => {
    expect(Object.fromEntries(parsePackageLock(V2))).toEqual({ debug: "4.3.4", ms: "2.0.0" });
  });

  it("reads v3 with scoped names and prereleases, ignoring nested copies", () => {
    expect(Object.fromEntries(parsePackageLock(V3))).toEqual({
      "@types/prop-types": "15.7.12",
      "@types/react": "18.3.3",
      csstype: "3.1.3",
      typescript: "5.4.5-rc",
    });
  });

  it("accepts a byte order mark and a v1 lockfile without dependencies", () => {
    expect(parsePackageLock('\uFEFF{ "name": "x", "lockfileVersion": 1 }').size).toBe(0);
  });

  it("parses a generated 5,000-package lockfile", () => {
    const packages: Record<string, unknown> = { "": { name: "big", version: "1.0.0" } };
    for (let i = 0; i < 5000; i++) {
      const name = i % 2 === 0 ? `pkg-${i}` : `@scope${i % 7}/pkg-${i}`;
      packages[`node_modules/${name}`] = { version: `1.${i}.0`, resolved: `${REGISTRY}/${name}/-/pkg-${i}-1.${i}.0.tgz` };
      packages[`node_modules/${name}/node_modules/dep`] = { version: "0.0.1" };
    }
    const versions = parsePackageLock(JSON.stringify({ name: "big", lockfileVersion: 3, packages }));
    expect(versions.size).toBe(5000);
    expect(versions.get("pkg-0")).toBe("1.0.0");
    expect(versions.get("@scope1/pkg-4999")).toBe("1.4999.0");
    expect(versions.has("dep")).toBe(false);
  });

  it.each([
    ["text that is not JSON", '{ "lockfileVersion": 3, ', /^not valid JSON/],
    ["a root that is not an object", "[1, 2]", /root value is not a JSON object/],
    ["a missing lockfileVersion", '{ "packages": {} }', /no numeric lockfileVersion/],
    ["packages that is not an object", '{ "lockfileVersion": 3, "packages": [] }', /"packages" is not an object/],
    ["an entry that is not an object", '{ "lockfileVersion": 3, "packages": { "node_modules/a": "1.0.0" } }', /packages\["node_modules\/a"\]/],
    ["dependencies that is not an object", '{ "lockfileVersion": 1, "dependencies": "nope" }', /"dependencies" is not an object/],
  ])("throws a clear Error for %s", (_what, text, message) => {
    expect(() => parsePackageLock(text)).toThrow(message);
  });
});
