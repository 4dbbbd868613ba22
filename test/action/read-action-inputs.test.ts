import { describe, expect, it } from "vitest";
import { readActionInputs } from "../../src/action/read-action-inputs.js";

describe("readActionInputs", () => {
  it("maps the model inputs onto the model settings, leaving the job's own variables where an input is empty", () => {
    const inputs = readActionInputs({
      INPUT_GITHUB_TOKEN: "ghs_x",
      INPUT_MODEL: "/models/coder.gguf",
      INPUT_LLM_URL: "",
      INPUT_GPU: " cuda ",
      PATCHSMITH_LLM_URL: "http://gpu-box:8080/v1",
      PATCHSMITH_MODEL: "/old.gguf",
    });
    expect(inputs.token).toBe("ghs_x");
    expect(inputs.failOn).toBeUndefined();
    expect(inputs.configPath).toBeUndefined();
    expect(inputs.modelEnv.PATCHSMITH_MODEL).toBe("/models/coder.gguf");
    expect(inputs.modelEnv.PATCHSMITH_LLM_URL).toBe("http://gpu-box:8080/v1");
    expect(inputs.modelEnv.PATCHSMITH_GPU).toBe("cuda");
  });

  it("reads fail-on and config, and refuses a bad fail-on or a token with a line break without repeating it", () => {
    expect(readActionInputs({ INPUT_GITHUB_TOKEN: "t", INPUT_FAIL_ON: "warning", INPUT_CONFIG: ".github/ci.yml" })).toMatchObject({ failOn: "warning", configPath: ".github/ci.yml" });
    expect(() => readActionInputs({ INPUT_GITHUB_TOKEN: "t", INPUT_FAIL_ON: "always" })).toThrow('The fail-on input is "always": expected error, warning or never');
    expect(() => readActionInputs({ INPUT_GITHUB_TOKEN: "ghs_secret\nmore" })).toThrow(/line break in it \(not repeated here\)/);
    expect(() => readActionInputs({ INPUT_GITHUB_TOKEN: "ghs_secret\nmore" })).not.toThrow(/ghs_secret/);
    expect(() => readActionInputs({})).toThrow(/The github-token input is empty/);
  });
});
