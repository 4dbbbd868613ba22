import { listSettings } from "./list-settings.js";

/** Text for one cell of a Markdown table: no line breaks, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\s+/g, " ").replace(/\|/g, "\\|");
}

/** docs/settings.md, written from the settings schema: one table per section. */
export function renderSettingsPage(): string {
  const out: string[] = [
    "# Settings",
    "",
    "Every environment variable patchsmith reads, with its default and the values it accepts.",
    "Set them in `.env` (copy `.env.example`, which lists the same with comments), with",
    "`docker run -e`/`--env-file`, or in the environment of a `patchsmith` command.",
    "A blank value is the same as an unset one. A value that cannot be used stops the",
    "start (or the command) with a message naming the variable, what it got and what",
    "it accepts; a bad model setting leaves the deterministic checks running, with a notice.",
    "",
    "This page and `.env.example` are written from `src/config/settings-schema.ts` by",
    "`npm run docs:settings`; a test fails when they differ from it, so change the schema, not this page.",
  ];
  for (const section of listSettings()) {
    out.push("", `## ${section.title}`, "");
    if (section.intro !== undefined) out.push(section.intro, "");
    out.push("| Variable | Default | Accepts | What it does |", "| --- | --- | --- | --- |");
    for (const { name, meta } of section.settings) {
      out.push(`| \`${name}\` | ${meta.default === undefined ? "unset" : `\`${cell(meta.default)}\``} | ${cell(meta.accepts)} | ${cell(meta.description)} |`);
    }
    if (section.outro !== undefined) out.push("", section.outro);
  }
  return `${out.join("\n")}\n`;
}
