import { describe, expect, it } from "vitest";
import { createAppSlugReader } from "../../src/commands/create-app-slug-reader.js";
import { createTestLog } from "../helpers/create-test-log.js";

describe("createAppSlugReader", () => {
  it("uses the configured slug without asking GitHub", async () => {
    const read = createAppSlugReader({ slug: " my-app ", fetchSlug: () => Promise.reject(new Error("not called")), log: createTestLog().log });
    expect(await read()).toBe("my-app");
  });

  it("asks GitHub once, and again only after a failure", async () => {
    const test = createTestLog();
    const answers = [Promise.reject(new Error("502")), Promise.resolve("patchsmith")];
    let calls = 0;
    const read = createAppSlugReader({ fetchSlug: () => answers[calls++] ?? Promise.resolve("unexpected"), log: test.log });
    expect(await read()).toBeUndefined();
    expect(test.messages("warn")).toHaveLength(1);
    expect(await read()).toBe("patchsmith");
    expect(await read()).toBe("patchsmith");
    expect(calls).toBe(2);
  });
});
