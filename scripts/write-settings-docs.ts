// Writes .env.example and docs/settings.md from the settings schema (npm run docs:settings).
import { writeFileSync } from "node:fs";
import { renderEnvExample } from "../src/config/render-env-example.js";
import { renderSettingsPage } from "../src/config/render-settings-page.js";

writeFileSync(".env.example", renderEnvExample());
writeFileSync("docs/settings.md", renderSettingsPage());
