import { describe, expect, it } from "vitest";
import { compareVersions, isPackageName, isPlainVersion, keepHighest } from "../../../src/environment/lockfiles/shared.js";

describe("lockfile helpers", () => {
  it("tells plain versions from ranges, tags, URLs and protocols", () => {
    for (const version of ["1.2.3", "0.0.0-use.local", "10.20.30-beta.1", "1.0.0+build.7", "1.0.0-rc.1+sha.abc"]) {
      expect(isPlainVersion(version)).toBe(true);
    }
    for (const version of ["^1.2.3", "1.2", "latest", "file:../x", "npm:lodash@3.10.1", "link:../x", "github:a/b#c", "https://x/y.tgz", "1.2.3_react@18.0.0"]) {
      expect(isPlainVersion(version)).toBe(false);
    }
  });

  it("orders versions by semver precedence", () => {
    const sorted = ["1.10.0", "1.2.0", "1.0.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta.11", "1.0.0-beta.2", "1.0.0-rc.1", "1.0.0-alpha.beta", "1.0.0-beta", "12345678901234567890.0.0"].sort(compareVersions);
    expect(sorted).toEqual(["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.2.0", "1.10.0", "12345678901234567890.0.0"]);
    expect(compareVersions("1.0.0+a", "1.0.0+b")).toBe(0);
    expect(compareVersions("not-a-version", "0.0.1")).toBeLessThan(0);
  });

  it("keeps the highest version per name", () => {
    const versions = new Map<string, string>();
    for (const version of ["1.9.0", "1.10.0", "1.10.0-rc.1"]) keepHighest(versions, "a", version);
    expect(versions.get("a")).toBe("1.10.0");
  });

  it("recognises top-level package names only", () => {
    expect(isPackageName("react")).toBe(true);
    expect(isPackageName("@types/node")).toBe(true);
    expect(isPackageName("parent/child")).toBe(false);
    expect(isPackageName("@types/react/csstype")).toBe(false);
    expect(isPackageName("@scope")).toBe(false);
  });
});
