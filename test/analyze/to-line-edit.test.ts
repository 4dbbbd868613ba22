import { describe, expect, it } from "vitest";
import { applyEdit, EditRangeError } from "../../src/analyze/apply-edit.js";
import { toLineEdit } from "../../src/analyze/to-line-edit.js";

const text = "a\nlet y = 2;\nc\n";

describe("toLineEdit and applyEdit", () => {
  it("turns a change inside one line into an edit of that line", () => {
    const edit = toLineEdit("f.ts", text, [{ start: 2, end: 12, newText: "const y = 2;" }]);
    expect(edit).toEqual({ path: "f.ts", startLine: 2, endLine: 2, replacement: "const y = 2;" });
    expect(applyEdit(text, edit!)).toBe("a\nconst y = 2;\nc\n");
  });

  it("turns an insertion of a whole line into an edit of the line it lands on", () => {
    const edit = toLineEdit("f.ts", text, [{ start: 0, end: 0, newText: "import x from './x';\n" }]);
    expect(edit).toEqual({ path: "f.ts", startLine: 1, endLine: 1, replacement: "import x from './x';\na" });
  });

  it("turns the removal of a whole line into an empty replacement of that line", () => {
    const edit = toLineEdit("f.ts", text, [{ start: 2, end: 13, newText: "" }]);
    expect(edit).toEqual({ path: "f.ts", startLine: 2, endLine: 2, replacement: "", deletion: true });
    expect(applyEdit(text, edit!)).toBe("a\nc\n");
  });

  it("covers several changes with one range", () => {
    const edit = toLineEdit("f.ts", text, [
      { start: 0, end: 1, newText: "A" },
      { start: 13, end: 14, newText: "C" },
    ]);
    expect(edit).toEqual({ path: "f.ts", startLine: 1, endLine: 3, replacement: "A\nlet y = 2;\nC" });
  });

  it("returns undefined when nothing changes", () => {
    expect(toLineEdit("f.ts", text, [{ start: 0, end: 1, newText: "a" }])).toBeUndefined();
  });

  it("keeps CRLF line endings and the final newline", () => {
    expect(applyEdit("a\r\nb\r\n", { path: "f", startLine: 2, endLine: 2, replacement: "B\nC" })).toBe("a\r\nB\r\nC\r\n");
    expect(applyEdit("a\nb", { path: "f", startLine: 1, endLine: 1, replacement: "A" })).toBe("A\nb");
  });

  it("throws a named error for lines that do not exist", () => {
    expect(() => applyEdit(text, { path: "f", startLine: 3, endLine: 5, replacement: "" })).toThrow(EditRangeError);
    expect(() => applyEdit(text, { path: "f", startLine: 0, endLine: 1, replacement: "" })).toThrow(/lines 0-1 do not exist/);
  });
});
