import { describe, expect, it } from "vitest";
import { parseScanState, renderScanState } from "../../src/scan/scan-state-marker.js";

const SHA = "a".repeat(40);

describe("scan state marker", () => {
  it("round-trips the commit, time and counts", () => {
    const state = { sha: SHA, at: "2024-05-06T03:12:00.000Z", counts: { eslint: 3, ts: 1 } };
    const marker = renderScanState(state);
    expect(marker).toBe(`<!-- patchsmith:scan-state {"sha":"${SHA}","at":"2024-05-06T03:12:00.000Z","counts":{"eslint":3,"ts":1}} -->`);
    expect(parseScanState(`report\n\n${marker}`)).toEqual(state);
  });

  it("ignores malformed or forged states and takes the last good one", () => {
    const good = renderScanState({ sha: SHA, at: "2024-05-06T03:12:00.000Z", counts: { eslint: 1 } });
    expect(parseScanState(`${good}\n<!-- patchsmith:scan-state {"sha":"nothex","at":"x","counts":{}} -->`)).toEqual({ sha: SHA, at: "2024-05-06T03:12:00.000Z", counts: { eslint: 1 } });
    expect(parseScanState(`<!-- patchsmith:scan-state {"sha":"${SHA}","at":"2024-05-06T03:12:00Z","counts":{"eslint":-1}} -->`)).toBeUndefined();
    expect(parseScanState(`<!-- patchsmith:scan-state {"sha":"${SHA}","at":"2024-05-06T03:12:00Z","counts":{"<b>":1}} -->`)).toBeUndefined();
    expect(parseScanState("<!-- patchsmith:scan-state {not json} -->")).toBeUndefined();
  });

  it("refuses to render a state that would not parse back", () => {
    expect(() => renderScanState({ sha: "abc", at: "2024-05-06T03:12:00Z", counts: {} })).toThrow(/full hex SHA/);
    expect(() => renderScanState({ sha: SHA, at: "2024-05-06T03:12:00Z", counts: { "Bad Kind": 1 } })).toThrow(/lower-case words/);
  });
});
