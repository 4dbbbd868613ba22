import { readFileSync } from "node:fs";
import semver from "semver";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/**
 * The Node.js versions patchsmith says it runs on (package.json `engines`),
 * the ones it ships with (the Docker image, the Action's default) and the
 * ones its dependencies declare must agree, or `npm ci` warns EBADENGINE on
 * a supported Node (content-type 3.1.1, through @octokit/request, declared Node >= 22).
 */
const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { engines: { node: string } };
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, { version?: string; dev?: boolean; engines?: { node?: string } }> };
const oldest = semver.minVersion(pkg.engines.node)?.version ?? "none";

/** Packages in the lock that declare they need a newer Node than the oldest one engines allows. */
function needNewerNode(dev: boolean): string[] {
  return Object.entries(lock.packages)
    .filter(([name, entry]) => name !== "" && (entry.dev === true) === dev && entry.engines?.node !== undefined && !semver.satisfies(oldest, entry.engines.node))
    .map(([name, entry]) => `${name.replace(/^.*node_modules\//, "")}@${entry.version ?? "?"} (node ${entry.engines?.node ?? ""})`);
}

describe("Node.js versions", () => {
  it("every production dependency supports the oldest Node that engines allows", () => {
    expect(oldest).toBe("20.19.0");
    expect(needNewerNode(false)).toEqual([]);
  });

  it("among dev dependencies only nock's interceptors declare Node >= 22 (tests run on 20; listed so a new one is noticed)", () => {
    expect(needNewerNode(true)).toEqual(["@mswjs/interceptors@0.44.0 (node >=22)"]);
  });

  it("the Docker image and the Action's default Node are the same LTS, within engines", () => {
    const docker = /^ARG NODE_IMAGE=node:(\d+)-/m.exec(readFileSync("Dockerfile", "utf8"))?.[1];
    const action = parse(readFileSync("action.yml", "utf8")) as { inputs: { "node-version": { default: string } } };
    expect(docker).toBe(action.inputs["node-version"].default);
    expect(semver.satisfies(`${docker ?? "0"}.99.0`, pkg.engines.node)).toBe(true);
  });
});
