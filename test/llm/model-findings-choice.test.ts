import { describe, expect, it } from "vitest";
import { buildGenerator } from "../../src/llm/build-generator.js";
import { ownFindingsOff } from "../../src/llm/model-findings-choice.js";
import { createScriptedTransport } from "../../src/llm/scripted-transport.js";

describe("ownFindingsOff", () => {
  it("auto is off on a CPU alone and on with a GPU or a server; on and off are what they say", () => {
    expect(ownFindingsOff("auto", false)).toMatch(/runs on the CPU.*PATCHSMITH_MODEL_FINDINGS=on/);
    expect(ownFindingsOff("auto", true)).toBeUndefined();
    expect(ownFindingsOff("on", false)).toBeUndefined();
    expect(ownFindingsOff("off", true)).toMatch(/PATCHSMITH_MODEL_FINDINGS=off/);
  });
});

describe("buildGenerator's ownFindingsOff", () => {
  const transport = (accelerated: boolean | undefined) => {
    const scripted = createScriptedTransport({ answers: {} });
    return { ...scripted, info: { ...scripted.info, ...(accelerated === undefined ? {} : { accelerated }) } };
  };
  it("follows the setting and the transport's hardware", () => {
    expect(buildGenerator(transport(false), { findings: "auto" }).ownFindingsOff).toMatch(/CPU/);
    expect(buildGenerator(transport(true), { findings: "auto" }).ownFindingsOff).toBeUndefined();
    expect(buildGenerator(transport(false), { findings: "on" }).ownFindingsOff).toBeUndefined();
    // A backend that does not say (a server, a script) counts as accelerated; no setting means on.
    expect(buildGenerator(transport(undefined), { findings: "auto" }).ownFindingsOff).toBeUndefined();
    expect(buildGenerator(transport(false)).ownFindingsOff).toBeUndefined();
  });
});
