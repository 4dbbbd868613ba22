import { describe, expect, it } from "vitest";
import { loaderFlags } from "../../src/testgen/loader-flags.js";

const deps = new Set(["mocha", "tsx", "ts-node", "@swc-node/register"]);

describe("loaderFlags", () => {
  it("reads the module-loading flags the test script gives the runner", () => {
    expect(loaderFlags("mocha --import=tsx 'test/**/*.spec.ts'", "mocha", deps)).toEqual(["--import=tsx"]);
    expect(loaderFlags("mocha -r ts-node/register --timeout 5000 test", "mocha", deps)).toEqual(["--require=ts-node/register"]);
    expect(loaderFlags("tsc -p . && node --import tsx --test test/*.ts", "node", deps)).toEqual(["--import=tsx"]);
    expect(loaderFlags("./node_modules/.bin/mocha --require @swc-node/register", "mocha", deps)).toEqual(["--require=@swc-node/register"]);
  });

  it("passes on no path, no unlisted package and no other flag", () => {
    expect(loaderFlags("mocha --import=./evil.mjs --require left-pad --inspect test", "mocha", deps)).toEqual([]);
    expect(loaderFlags("vitest run --import=tsx", "mocha", deps)).toEqual([]);
    expect(loaderFlags(undefined, "mocha", deps)).toEqual([]);
  });
});
