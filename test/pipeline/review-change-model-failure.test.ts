import { describe, expect, it } from "vitest";
import { defaultRepoConfig } from "../../src/config/repo-config.js";
import { buildGenerator } from "../../src/llm/build-generator.js";
import { createOpenAiTransport } from "../../src/llm/http/openai-transport.js";
import { reviewChange } from "../../src/pipeline/review-change.js";
import { addedFileDiff, memorySource } from "../helpers/memory-change.js";

const TEXT = "export function add(a: number, b: number): number {\n  return a + b;\n}\n";

describe("reviewChange when the model server fails", () => {
  it("says the model server did not answer, without its address, and logs the address", async () => {
    const logged: string[] = [];
    const refused = (): Promise<Response> => Promise.reject(new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 10.1.2.3:8080") }));
    const transport = createOpenAiTransport({ url: "http://gpu-box.corp.internal:8080/v1", fetch: refused, log: { info: () => undefined, warn: (m) => logged.push(m) } });
    const result = await reviewChange({
      base: memorySource({}),
      head: memorySource({ "src/add.ts": TEXT }),
      diff: addedFileDiff("src/add.ts", TEXT),
      config: defaultRepoConfig,
      generator: buildGenerator(transport),
    });
    expect(result.body).toContain("The model server did not answer");
    expect(result.body).not.toMatch(/gpu-box|corp\.internal|10\.1\.2\.3|:8080/);
    expect(JSON.stringify(result)).not.toMatch(/gpu-box|corp\.internal|10\.1\.2\.3/);
    expect(logged.join("\n")).toContain("gpu-box.corp.internal:8080");
  });
});
