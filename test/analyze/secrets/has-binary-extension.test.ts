import { describe, expect, it } from "vitest";
import { hasBinaryExtension } from "../../../src/analyze/secrets/has-binary-extension.js";

describe("hasBinaryExtension", () => {
  it("knows images, fonts, archives and compiled files by their extension, in any case", () => {
    for (const path of ["docs/logo.png", "a/B.JPG", "fonts/x.woff2", "dist.tar.gz", "lib/addon.node", "model.gguf"]) expect(hasBinaryExtension(path), path).toBe(true);
  });

  it("leaves text files, dotfiles and names without an extension to be read", () => {
    for (const path of ["src/a.ts", "config/.env", ".png", "png", "Makefile", "data.json", "a.png/readme.md", "secrets.yml"]) expect(hasBinaryExtension(path), path).toBe(false);
  });
});
