import { readFileSync } from "node:fs";

/** The text of a file under test/fixtures/patches/, byte for byte. */
export function readPatchFixture(name: string): string {
  return readFileSync(new URL(`../fixtures/patches/${name}`, import.meta.url), "utf8");
}
