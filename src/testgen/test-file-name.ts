import path from "node:path/posix";
import type { TestConventions } from "./test-conventions.js";

/** ".test" for a.test.ts, ".spec" for a.spec.ts, "" for a.ts. */
export function suffixOf(file: string): TestConventions["suffix"] {
  const match = /\.(test|spec)\.[cm]?[jt]sx?$/.exec(file);
  if (match?.[1] === "test") return ".test";
  if (match?.[1] === "spec") return ".spec";
  return "";
}

/** The file name without its extension and test suffix: src/a.test.ts → "a". */
export function stemOf(file: string): string {
  return path.basename(file).replace(/(?:\.(?:test|spec))?\.(?:d\.)?[cm]?[jt]sx?$/, "");
}
