import { describe, expect, it } from "vitest";
import { parsePnpmLock } from "../../../src/environment/lockfiles/parse-pnpm-lock.js";

const V5_4 = `lockfileVersion: 5.4

specifiers:
  '@babel/core': ^7.21.0
  '@types/react': ^18.0.0
  local-lib: link:../local-lib
  react: ^18.2.0
  react-dom: ^18.2.0

dependencies:
  local-lib: link:../local-lib
  react: 18.2.0
  react-dom: 18.2.0_react@18.2.0

devDependencies:
  '@babel/core': 7.21.0_supports-color@5.5.0
  '@types/react': 18.0.28

packages:

  /@babel/core/7.21.0_supports-color@5.5.0:
    resolution: {integrity: sha512-abc}
    engines: {node: '>=6.9.0'}
    dev: true

  /@types/prop-types/15.7.5:
    resolution: {integrity: sha512-abc}
    dev: true

  /@types/react/17.0.50:
    resolution: {integrity: sha512-abc}
    dev: true

  /@types/react/18.0.28:
    resolution: {integrity: sha512-abc}
    dependencies:
      '@types/prop-types': 15.7.5
    dev: true

  /js-tokens/3.0.2:
    resolution: {integrity: sha512-abc}

  /js-tokens/4.0.0:
    resolution: {integrity: sha512-abc}

  /react-dom/18.2.0_react@18.2.0:
    resolution: {integrity: sha512-abc}
    peerDependencies:
      react: ^18.2.0
    dependencies:
      react: 18.2.0
      scheduler: 0.23.0
    dev: false

  /react/18.2.0:
    resolution: {integrity: sha512-abc}
    engines: {node: '>=0.10.0'}
    dependencies:
      loose-envify: 1.4.0
    dev: false

  /scheduler/0.23.0:
    resolution: {integrity: sha512-abc}
    dev: false

  github.com/me/forked/0123456789abcdef:
    resolution: {tarball: https://codeload.github.com/me/forked/tar.gz/0123456789abcdef}
    name: forked
    version: 1.0.0
`;

const V6 = `lockfileVersion: '6.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

dependencies:
  react:
    specifier: ^18.2.0
    version: 18.2.0
  react-dom:
    specifier: ^18.2.0
    version: 18.2.0(react@18.2.0)

devDependencies:
  '@testing-library/react':
    specifier: ^14.0.0
    version: 14.0.0(react-dom@18.2.0)(react@18.2.0)
  '@types/react':
    specifier: ^18.0.0
    version: 18.2.14

packages:

  /@babel/runtime@7.20.0:
    resolution: {integrity: sha512-abc}
    dev: true

  /@babel/runtime@7.22.5:
    resolution: {integrity: sha512-abc}
    dev: true

  /@testing-library/react@14.0.0(react-dom@18.2.0)(react@18.2.0):
    resolution: {integrity: sha512-abc}
    engines: {node: '>=14'}
    peerDependencies:
      react: ^18.0.0
      react-dom: ^18.0.0
    dependencies:
      '@babel/runtime': 7.22.5
    dev: true

  /@types/react@18.2.14:
    resolution: {integrity: sha512-abc}
    dev: true

  /react-dom@18.2.0(react@18.2.0):
    resolution: {integrity: sha512-abc}
    dev: false

  /react@18.2.0:
    resolution: {integrity: sha512-abc}
    dev: false

  /scheduler@0.23.0:
    resolution: {integrity: sha512-abc}
    dev: false
`;

const V9 = `lockfileVersion: '9.0'

settings:
  autoInstallPeers: true
  excludeLinksFromLockfile: false

importers:

  .:
    dependencies:
      '@tanstack/react-query':
        specifier: ^5.0.0
        version: 5.51.1(react@18.3.1)
      react:
        specifier: ^18.2.0
        version: 18.3.1
      shared:
        specifier: workspace:*
        version: link:packages/shared
    devDependencies:
      typescript:
        specifier: ~5.4.0
        version: 5.4.5

  packages/shared:
    dependencies:
      react:
        specifier: ^19.0.0
        version: 19.0.0
      zod:
        specifier: ^3.22.0
        version: 3.22.4

packages:

  '@tanstack/query-core@5.51.1':
    resolution: {integrity: sha512-abc}

  '@tanstack/react-query@5.51.1':
    resolution: {integrity: sha512-abc}
    peerDependencies:
      react: ^18 || ^19

  forked@https://codeload.github.com/me/forked/tar.gz/0123456789abcdef:
    resolution: {tarball: https://codeload.github.com/me/forked/tar.gz/0123456789abcdef}
    version: 1.0.0

  react@18.3.1:
    resolution: {integrity: sha512-abc}
    engines: {node: '>=0.10.0'}

  react@19.0.0:
    resolution: {integrity: sha512-abc}
    engines: {node: '>=0.10.0'}

  typescript@5.4.5:
    resolution: {integrity: sha512-abc}
    engines: {node: '>=14.17'}
    hasBin: true

  zod@3.22.4:
    resolution: {integrity: sha512-abc}

  zod@3.23.8:
    resolution: {integrity: sha512-abc}

snapshots:

  '@tanstack/query-core@5.51.1': {}

  '@tanstack/react-query@5.51.1(react@18.3.1)':
    dependencies:
      '@tanstack/query-core': 5.51.1
      react: 18.3.1

  react@18.3.1: {}

  react@19.0.0: {}

  typescript@5.4.5: {}

  zod@3.22.4: {}

  zod@3.23.8: {}
`;

describe("parsePnpmLock", () => {
  it("reads v5.4: direct dependencies first (peer suffixes stripped), then the highest of every other package", () => {
    expect(Object.fromEntries(parsePnpmLock(V5_4))).toEqual({
      react: "18.2.0",
      "react-dom": "18.2.0",
      "@babel/core": "7.21.0",
      "@types/react": "18.0.28",
      "@types/prop-types": "15.7.5",
      "js-tokens": "4.0.0",
      scheduler: "0.23.0",
    });
  });

  it("reads v6: {specifier, version} dependencies and /name@version keys with peer suffixes", () => {
    expect(Object.fromEntries(parsePnpmLock(V6))).toEqual({
      react: "18.2.0",
      "react-dom": "18.2.0",
      "@testing-library/react": "14.0.0",
      "@types/react": "18.2.14",
      "@babel/runtime": "7.22.5",
      scheduler: "0.23.0",
    });
  });

  it("reads v9: importers['.'] wins over a higher version elsewhere; links and tarballs are skipped", () => {
    expect(Object.fromEntries(parsePnpmLock(V9))).toEqual({
      "@tanstack/react-query": "5.51.1",
      react: "18.3.1",
      typescript: "5.4.5",
      "@tanstack/query-core": "5.51.1",
      zod: "3.23.8",
    });
  });

  it("accepts a lockfile without packages", () => {
    expect(parsePnpmLock("lockfileVersion: '9.0'\n\nimporters:\n\n  .: {}\n").size).toBe(0);
  });

  it.each([
    ["text that is not YAML", "lockfileVersion: '9.0'\npackages:\n  react@18.3.1: {resolution: [\n", /^not valid YAML/],
    ["a root that is not a mapping", "- a\n- b\n", /root value is not a mapping/],
    ["a missing lockfileVersion", "packages:\n  react@18.3.1: {}\n", /no lockfileVersion/],
    ["packages that is not a mapping", "lockfileVersion: '9.0'\npackages:\n  - react@18.3.1\n", /"packages" is not a mapping/],
  ])("throws a clear Error for %s", (_what, text, message) => {
    expect(() => parsePnpmLock(text)).toThrow(message);
  });
});
