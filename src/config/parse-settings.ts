import { settingsRegistry } from "./define-setting.js";
import { settingsShape, type SettingName, type SettingValue } from "./settings-schema.js";

/** A variable whose value cannot be used: its name, the text it got (undefined for a secret) and what it accepts. */
export interface InvalidSetting {
  readonly name: SettingName;
  readonly got?: string;
  readonly accepts: string;
}

export type SettingValues<N extends SettingName> = { readonly [P in N]: SettingValue<P> };

/**
 * Parse the named variables of `env` with the one settings schema: each value
 * (its default when unset or blank), or every variable that cannot be used.
 */
export function parseSettings<N extends SettingName>(env: Readonly<Record<string, string | undefined>>, names: readonly N[]): { readonly values: SettingValues<N> } | { readonly problems: readonly InvalidSetting[] } {
  const values: Partial<Record<SettingName, unknown>> = {};
  const problems: InvalidSetting[] = [];
  for (const name of names) {
    const schema = settingsShape[name];
    const result = schema.safeParse(env[name]);
    if (result.success) {
      values[name] = result.data;
      continue;
    }
    const meta = settingsRegistry.get(schema);
    problems.push({
      name,
      accepts: meta?.accepts ?? "another value",
      ...(meta?.secret === true ? {} : { got: (env[name] ?? "").trim() }),
    });
  }
  // Every name was parsed by its own schema above.
  return problems.length > 0 ? { problems } : { values: values as SettingValues<N> };
}
