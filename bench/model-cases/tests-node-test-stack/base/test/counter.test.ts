import { test } from "node:test";
import assert from "node:assert/strict";
import { Counter } from "../src/counter.ts";

test("Counter counts up from 1", () => {
  const counter = new Counter();
  assert.equal(counter.increment(), 1);
  assert.equal(counter.increment(), 2);
});
