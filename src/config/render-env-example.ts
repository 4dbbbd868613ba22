import { listSettings } from "./list-settings.js";

const WIDTH = 80;

/** `text` as `# ` comment lines of at most WIDTH characters (a longer word keeps its own line). */
function comment(text: string): string[] {
  const lines: string[] = [];
  let line = "#";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line !== "#" && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = "#";
    }
    line += ` ${word}`;
  }
  if (line !== "#") lines.push(line);
  return lines;
}

/**
 * The text of .env.example, written from the settings schema: per section a
 * header, then each setting's description, what it accepts and its default,
 * and a line that sets it (or shows it commented out).
 */
export function renderEnvExample(): string {
  const out: string[] = [
    ...comment("patchsmith settings. Copy to .env (Probot reads it on `npm start`) or pass them with `docker run -e`/`--env-file`. Only the first three are required."),
    ...comment("Written from src/config/settings-schema.ts by `npm run docs:settings`: change the schema, not this file. docs/settings.md has the same as tables."),
  ];
  for (const section of listSettings()) {
    out.push("", `# ---- ${section.title} `.padEnd(WIDTH - 1, "-"));
    if (section.intro !== undefined) out.push(...comment(section.intro));
    for (const { name, meta } of section.settings) {
      out.push(...comment(`${meta.description} Accepts ${meta.accepts}${meta.default === undefined ? "" : `; default ${meta.default}`}.`));
      const values = meta.examples ?? [meta.default ?? ""];
      if (meta.set) out.push(`${name}=${values[0] ?? ""}`);
      else out.push(...values.map((value) => `# ${name}=${value}`));
    }
    if (section.outro !== undefined) out.push(...comment(section.outro));
  }
  return `${out.join("\n")}\n`;
}
