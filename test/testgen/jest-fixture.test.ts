import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultRepoConfig } from "../../src/config/repo-config.js";
import { createScriptedGenerator } from "../../src/llm/scripted-generator.js";
import type { CompletionRequest } from "../../src/llm/transport.js";
import { reviewMissingTests } from "../../src/testgen/review-missing-tests.js";
import { loadFixtureChange } from "./load-fixture-change.js";

/** The existing cart test (not touched by the PR) with cases for the new method and function, written with jest's globals and the @/ alias. */
const CART_TEST = `import { Cart, emptyCart } from "@/cart/cart";

describe("Cart", () => {
  it("adds up the items", () => {
    const cart = new Cart();
    cart.add({ sku: "a", price: 100, quantity: 2 });
    expect(cart.total()).toBe(200);
  });

  it("removes an item by sku, and says when there was none", () => {
    const cart = emptyCart();
    cart.add({ sku: "a", price: 100, quantity: 1 });
    expect(cart.removeItem("a")).toBe(true);
    expect(cart.removeItem("a")).toBe(false);
    expect(cart.total()).toBe(0);
  });
});
`;

const PRICING_TEST = `import { applyDiscount, roundCents } from "../pricing";

describe("roundCents", () => {
  it("rounds to whole cents", () => {
    expect(roundCents(1.6)).toBe(2);
  });
});

describe("applyDiscount", () => {
  it("takes the percentage off", () => {
    expect(applyDiscount(200, 25)).toBe(150);
  });

  it("refuses a percentage outside 0-100", () => {
    expect(() => applyDiscount(100, 120)).toThrow(RangeError);
  });
});
`;

const LEGACY_TEST = `const { legacyTotal } = require("../legacy.js");

describe("legacyTotal", () => {
  it("sums the prices", () => {
    expect(legacyTotal([1, 2, 3])).toBe(6);
  });
});
`;

function answer(request: CompletionRequest): unknown {
  const path = /Test file to write: `([^`]+)`/.exec(request.user)?.[1] ?? "";
  const attempt = (request.user.match(/Rejected attempt/g) ?? []).length;
  const code: Record<string, string> = {
    // The first cart answer calls a method Cart does not have.
    "src/cart/__tests__/cart.ts": attempt === 0 ? CART_TEST.replace('cart.removeItem("a")).toBe(true)', 'cart.remove("a")).toBe(true)') : CART_TEST,
    "src/__tests__/pricing.ts": PRICING_TEST,
    "src/__tests__/legacy.js": LEGACY_TEST,
  };
  return { path, symbols: [], cases: [{ name: "case", why: "why" }], code: code[path] ?? "", explanation: "Tests." };
}

describe("reviewMissingTests on the jest fixture (globals, __tests__ folders, a tsconfig alias, a CommonJS module)", () => {
  let fixture: Awaited<ReturnType<typeof loadFixtureChange>>;
  beforeAll(async () => {
    fixture = await loadFixtureChange("jest-repo");
  });
  afterAll(() => {
    fixture.repo.remove();
  });

  it("validates jest tests against the shipped declarations and repairs the one calling a missing method", async () => {
    const generator = createScriptedGenerator({ answers: { tests: Array.from({ length: 6 }, () => answer) } });
    const report = await reviewMissingTests({ head: fixture.head, diff: fixture.diff, headText: (p) => fixture.headFiles[p], config: defaultRepoConfig, generator });

    expect(report.conventions).toMatchObject({ framework: "jest", globals: true, layout: { kind: "__tests__" } });
    expect(report.rejected).toEqual([]);
    expect(report.tests.map((t) => [t.path, t.existing, t.delivery, t.attempts])).toEqual([
      ["src/cart/__tests__/cart.ts", true, "file", 2],
      ["src/__tests__/legacy.js", false, "file", 1],
      // The PR adds src/__tests__/pricing.ts, so the new cases are a suggestion on it.
      ["src/__tests__/pricing.ts", true, "suggestion", 1],
    ]);
    const repair = generator.calls.find((call) => call.user.includes("Rejected attempt 1"))?.user ?? "";
    expect(repair).toMatch(/TS2339: Property 'remove' does not exist on type 'Cart'/);
    expect(report.stats).toEqual({ generated: 3, typeCheckedFirstTime: 2, repaired: 1, rejected: 0, dropped: 0 });
  });
});
