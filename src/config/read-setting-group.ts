import { describeInvalidSetting } from "./describe-invalid-setting.js";
import { InvalidSettingsError } from "./invalid-settings-error.js";
import { parseSettings, type SettingValues } from "./parse-settings.js";
import type { SettingName } from "./settings-schema.js";

/**
 * The named variables, parsed by the one settings schema; InvalidSettingsError
 * names every one that cannot be used, what it got and what it accepts.
 */
export function readSettingGroup<N extends SettingName>(env: Readonly<Record<string, string | undefined>>, names: readonly N[], style: "expected" | "is-not" = "expected"): SettingValues<N> {
  const parsed = parseSettings(env, names);
  if ("values" in parsed) return parsed.values;
  const problems = parsed.problems.map((problem) => describeInvalidSetting(problem, style));
  throw new InvalidSettingsError(`Invalid environment: ${problems.join("; ")}. See .env.example or docs/settings.md for the expected values.`);
}
