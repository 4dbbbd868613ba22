import { test } from "node:test";
import assert from "node:assert/strict";
import { unitMs } from "../src/duration.ts";

test("unitMs knows seconds", () => {
  assert.equal(unitMs("s"), 1000);
});

test("unitMs does not know days", () => {
  assert.equal(unitMs("d"), undefined);
});
