import { describe, expect, it } from "vitest";
import { parseFilePatch } from "../../../src/diff/parse-file-patch.js";
import { parseReviewAnswer } from "../../../src/llm/answers/parse-review-answer.js";
import { InvalidModelOutputError } from "../../../src/llm/errors/invalid-model-output-error.js";

/** save-records.ts: lines 4-8 added, line 3 unchanged. */
const HUNKS = parseFilePatch({
  path: "src/save-records.ts",
  status: "modified",
  patch: [
    "@@ -1,3 +1,8 @@",
    ' import type { Db } from "./db.js";',
    " ",
    " /** Stores every record; resolves with how many were stored. */",
    "+export async function saveRecords(db: Db, records: readonly Record<string, unknown>[]): Promise<number> {",
    "+  for (const record of records) {",
    '+    db.insert("records", record);',
    "+  }",
    "+  return records.length;",
  ].join("\n"),
}).hunks;

describe("parseReviewAnswer", () => {
  it("reads `none` as no findings", () => {
    expect(parseReviewAnswer("none", HUNKS, "review")).toEqual({ findings: [] });
    expect(parseReviewAnswer(" None.\n", HUNKS, "review")).toEqual({ findings: [] });
  });

  it("puts each defect on the added line that holds its quote, as a warning whose message names the kind; injection is security", () => {
    const output = parseReviewAnswer('`db.insert("records", record);` missing await: the count is returned before the inserts finish', HUNKS, "review");
    expect(output.findings).toEqual([
      { startLine: 6, line: 6, quote: 'db.insert("records", record);', severity: "warning", category: "bug", message: "missing await: the count is returned before the inserts finish", edit: null },
    ]);
    expect(parseReviewAnswer("`return  records.length;` injection: the length reaches SQL", HUNKS, "review").findings).toEqual([
      expect.objectContaining({ line: 8, category: "security", message: "injection: the length reaches SQL" }),
    ]);
  });

  it("reads a quote copied with the diff's + marker without it", () => {
    expect(parseReviewAnswer("`+  return records.length;` race: two callers both pass the check", HUNKS, "review").findings).toEqual([
      expect.objectContaining({ line: 8, quote: "  return records.length;" }),
    ]);
  });

  it("drops a defect whose quote is on no added line (an unchanged line, or code that is not there)", () => {
    const text = ["`/** Stores every record` race: x", "`db.save(record)` missing await: save is not awaited", "`for (const record of records)` off-by-one: it skips the last record"].join("\n");
    expect(parseReviewAnswer(text, HUNKS, "review").findings.map((f) => [f.line, f.message])).toEqual([[5, "off-by-one: it skips the last record"]]);
  });

  it("drops a defect whose sentence only restates the kind's definition from the prompt", () => {
    const text = [
      "`db.insert(\"records\", record);` null or undefined access: a value that may be missing (Map.get, find, optional, `!`) used unchecked",
      "`return records.length;` off-by-one: a bound, index or slice end one too far",
      "`return records.length;` injection: outside text put into HTML unescaped`",
      "`for (const record of records)` missing await: the inserts are not awaited before the count is returned",
    ].join("\n");
    expect(parseReviewAnswer(text, HUNKS, "review").findings.map((f) => f.line)).toEqual([5]);
  });

  it("keeps at most four findings and skips lines of another shape among them", () => {
    const item = "`return records.length;` race: two callers both pass the check";
    const output = parseReviewAnswer([item, "I also noticed:", item, item, item, item].join("\n"), HUNKS, "review");
    expect(output.findings).toHaveLength(4);
  });

  it("reads an answer in the JSON review schema too (a server without grammars)", () => {
    const json = { findings: [{ startLine: 2, line: 3, quote: "x", severity: "info", category: "style", message: "m", edit: null }] };
    expect(parseReviewAnswer(JSON.stringify(json), HUNKS, "review")).toEqual(json);
  });

  it("says what shape was expected when the answer has no defect line", () => {
    expect(() => parseReviewAnswer("The code looks fine to me.", HUNKS, "review")).toThrow(InvalidModelOutputError);
    expect(() => parseReviewAnswer("line 4: looks wrong", HUNKS, "review")).toThrow(/neither "none" nor lines of the form "`code` kind: sentence": "line 4: looks wrong"/);
    expect(() => parseReviewAnswer("`return records.length;` typo: wrong", HUNKS, "review")).toThrow(InvalidModelOutputError);
  });
});
