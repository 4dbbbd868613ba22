import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listSettings } from "../../src/config/list-settings.js";
import { renderEnvExample } from "../../src/config/render-env-example.js";
import { renderSettingsPage } from "../../src/config/render-settings-page.js";
import { settingsShape } from "../../src/config/settings-schema.js";

const root = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith(".ts") ? [full] : [];
  });
}

describe("the settings documentation", () => {
  it(".env.example is what `npm run docs:settings` writes from the schema", () => {
    expect(readFileSync(path.join(root, ".env.example"), "utf8"), "run `npm run docs:settings` after changing the settings schema").toBe(renderEnvExample());
  });

  it("docs/settings.md is what `npm run docs:settings` writes from the schema", () => {
    expect(readFileSync(path.join(root, "docs/settings.md"), "utf8"), "run `npm run docs:settings` after changing the settings schema").toBe(renderSettingsPage());
  });

  it("lists every PATCHSMITH_* variable the source names, so none is undocumented", () => {
    const named = new Set(sourceFiles(path.join(root, "src")).flatMap((file) => readFileSync(file, "utf8").match(/\bPATCHSMITH_[A-Z0-9_]*[A-Z0-9]\b/g) ?? []));
    const missing = [...named].filter((name) => !(name in settingsShape)).sort();
    expect(missing, "declare each in src/config/settings-schema.ts, then run `npm run docs:settings`").toEqual([]);
  });

  it("gives every setting a section, a description and what it accepts", () => {
    const listed = listSettings().flatMap((section) => section.settings);
    expect(listed.map((setting) => setting.name).sort()).toEqual(Object.keys(settingsShape).sort());
    for (const { meta } of listed) {
      expect(meta.description.length).toBeGreaterThan(10);
      expect(meta.accepts).not.toBe("");
    }
  });
});
