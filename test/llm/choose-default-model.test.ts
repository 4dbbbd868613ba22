import { describe, expect, it } from "vitest";
import { chooseDefaultModel } from "../../src/llm/choose-default-model.js";
import { DEFAULT_MODEL_URI, SMALL_MODEL_URI } from "../../src/llm/default-model.js";

const GB = 1e9;

describe("chooseDefaultModel", () => {
  it("takes the 7B on a GPU with room for it", () => {
    const choice = chooseDefaultModel({ gpu: "cuda", vramTotal: 24 * GB, vramFree: 20 * GB });
    expect(choice.uri).toBe(DEFAULT_MODEL_URI);
    expect(choice.label).toBe("Qwen2.5-Coder 7B Instruct (Q4_K_M)");
    expect(choice.reason).toBe("the CUDA GPU has 20.00 GB free of 24.00 GB, room for the 7B (it needs about 6.00 GB)");
  });

  it("takes the 1.5B without a GPU, and on a GPU without room (free memory counts, not total)", () => {
    const cpu = chooseDefaultModel({ gpu: false, vramTotal: 0, vramFree: 0 });
    expect(cpu.uri).toBe(SMALL_MODEL_URI);
    expect(cpu.reason).toBe("no GPU in use here, and on a CPU the 7B is too slow for a review (the 7B needs a GPU with 6.00 GB free)");
    const busy = chooseDefaultModel({ gpu: "vulkan", vramTotal: 8 * GB, vramFree: 3 * GB });
    expect(busy.uri).toBe(SMALL_MODEL_URI);
    expect(busy.reason).toBe("the Vulkan GPU has 3.00 GB free of 8.00 GB, less than the 6.00 GB the 7B needs");
    expect(chooseDefaultModel({ gpu: "metal", vramTotal: 6 * GB, vramFree: 6 * GB }).uri).toBe(DEFAULT_MODEL_URI);
  });
});
