import type { TestConventions } from "./test-conventions.js";

/**
 * A one-example skeleton of a correct test file for the repository's
 * framework, assertion style and module syntax: the shape a small model
 * copies best. The placeholders in comments are for the model to fill.
 */
export function testSkeleton(params: { readonly conventions: TestConventions; readonly importPath: string; readonly symbol: string; readonly typescript: boolean }): string {
  const { conventions } = params;
  // The skeleton sits outside the prompt's untrusted-data blocks: a path or name from the repository
  // appears in it only when it is plainly a path or an identifier (a file name can carry instructions).
  const importPath = /^[\w@./-]+$/.test(params.importPath) ? params.importPath : "./module-under-test.js";
  const symbol = /^[A-Za-z_$][\w$]*$/.test(params.symbol) ? params.symbol : "subject";
  const cjs = !params.typescript && conventions.moduleKind === "cjs";
  const named = (names: readonly string[], from: string): string => (cjs ? `const { ${names.join(", ")} } = require("${from}");` : `import { ${names.join(", ")} } from "${from}";`);
  const fallback = (name: string, from: string): string => (cjs ? `const ${name} = require("${from}");` : `import ${name} from "${from}";`);
  const call = `${symbol}(/* arguments */)`;
  const imports: string[] = [];
  let check: string;
  switch (conventions.framework) {
    case "node:test":
      imports.push(fallback("assert", "node:assert/strict"), named(["describe", "it"], "node:test"));
      check = `assert.deepStrictEqual(${call}, /* expected */);`;
      break;
    case "ava":
      imports.push(fallback("test", "ava"));
      return [...imports, named([symbol], importPath), "", `test("${symbol} /* what it checks */", (t) => {`, `  t.deepEqual(${call}, /* expected */);`, "});", ""].join("\n");
    case "mocha":
      imports.push(conventions.assertions === "chai" ? named(["expect"], "chai") : fallback("assert", "node:assert/strict"));
      check = conventions.assertions === "chai" ? `expect(${call}).to.deep.equal(/* expected */);` : `assert.deepStrictEqual(${call}, /* expected */);`;
      break;
    case "vitest":
    case "jest":
      if (!conventions.globals) imports.push(named(["describe", "expect", "it"], conventions.framework === "vitest" ? "vitest" : "@jest/globals"));
      check = `expect(${call}).toEqual(/* expected */);`;
      break;
  }
  return [...imports, named([symbol], importPath), "", `describe("${symbol}", () => {`, `  it("/* what it checks */", () => {`, `    ${check}`, "  });", "});", ""].join("\n");
}
