import { parse as parseYaml } from "yaml";
import type { Notice } from "../types.js";
import { knownRuleNames, type RuleEntry, type RuleSetting, usableRuleEntries } from "../workspace/safe-linter.js";

/** Legacy ESLint configs that are data (JSON or YAML), in ESLint's own order of preference. */
const DATA_CONFIGS = [".eslintrc.yaml", ".eslintrc.yml", ".eslintrc.json", ".eslintrc"] as const;
/** Configs that are code: never loaded. */
const CODE_CONFIG = /^(?:eslint\.config\.(?:[cm]?[jt]s)|\.eslintrc\.(?:c?js))$/;
const SEVERITIES: Readonly<Partial<Record<string, RuleSetting>>> = { "0": "off", "1": "warn", "2": "error", off: "off", warn: "warn", error: "error" };

/**
 * The severities and options the repository's legacy ESLint config gives the
 * rules patchsmith ships, read as data: `.eslintrc.{yaml,yml,json}`,
 * `.eslintrc` (JSON or YAML) or package.json `eslintConfig` at the root.
 * `extends`, `plugins`, `parser`, `overrides` and configs that are code
 * (`eslint.config.*`, `.eslintrc.js`/`.cjs`) are never loaded; one notice says
 * what was not used. `.github/patchsmith.yml` `rules` win over all of this.
 */
export function readEslintrcRules(params: {
  /** Root files read as data (path → text). */
  readonly files: ReadonlyMap<string, string>;
  /** Every path of the snapshot, to notice configs that are code. */
  readonly knownPaths: ReadonlySet<string>;
}): { readonly rules: Readonly<Record<string, RuleEntry>>; readonly notices: readonly Notice[] } {
  const notices: Notice[] = [];
  const code = [...params.knownPaths].filter((p) => CODE_CONFIG.test(p));
  const source = DATA_CONFIGS.find((name) => params.files.has(name));
  let config: unknown;
  let from: string | undefined;
  if (source !== undefined) {
    from = source;
    try {
      const text = params.files.get(source) ?? "";
      config = source.endsWith(".json") ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
    } catch (error) {
      notices.push({ path: source, message: `${source} could not be read as data (${(error as Error).message.split("\n")[0] ?? ""}); the built-in rule set was used.` });
      config = undefined;
    }
  } else if (params.files.has("package.json")) {
    try {
      config = (JSON.parse(params.files.get("package.json") ?? "") as { eslintConfig?: unknown }).eslintConfig;
      from = config === undefined ? undefined : "package.json `eslintConfig`";
    } catch {
      config = undefined;
    }
  }
  const rules: Record<string, RuleEntry> = {};
  const ignored: string[] = [];
  if (typeof config === "object" && config !== null && !Array.isArray(config)) {
    const record = config as Record<string, unknown>;
    for (const key of ["extends", "plugins", "parser", "overrides"]) if (record[key] !== undefined) ignored.push(`\`${key}\``);
    const declared = record["rules"];
    if (typeof declared === "object" && declared !== null && !Array.isArray(declared)) {
      const known = knownRuleNames();
      for (const [name, value] of Object.entries(declared as Record<string, unknown>)) {
        if (!known.has(name)) continue;
        const entry = toEntry(value);
        if (entry !== undefined) rules[name] = entry;
      }
    }
  }
  const usable = usableRuleEntries(rules);
  if (usable.rejected.length > 0) {
    notices.push({ message: `${from ?? "The ESLint config"}: the options of ${usable.rejected.map((n) => `\`${n}\``).join(", ")} are not valid for the rule${usable.rejected.length === 1 ? "" : "s"} patchsmith ships, so ${usable.rejected.length === 1 ? "it runs" : "they run"} with default options.` });
  }
  const unused = [...(from !== undefined && ignored.length > 0 ? [`the ${ignored.join(", ")} of ${from}`] : []), ...code.map((p) => `\`${p}\``)];
  if (unused.length > 0) {
    notices.push({ message: `Not loaded: ${unused.join(", ")} (code or other packages' configs are never run); ${Object.keys(rules).length > 0 ? `the ${Object.keys(rules).length} rule settings of ${from ?? "the data config"} were applied to` : "patchsmith used"} its built-in rule set.` });
  }
  return { rules: usable.rules, notices };
}

/** A rule's setting as ESLint writes it (`2`, `"warn"`, `["error", { … }]`), or undefined when it is not one. */
function toEntry(value: unknown): RuleEntry | undefined {
  if (typeof value === "number" || typeof value === "string") return SEVERITIES[String(value)];
  if (Array.isArray(value) && value.length > 0) {
    const severity = SEVERITIES[String(value[0])];
    if (severity === undefined) return undefined;
    // Options are JSON data; they are passed to the rule as its options, never evaluated.
    return [severity, ...(JSON.parse(JSON.stringify(value.slice(1))) as unknown[])];
  }
  return undefined;
}
