import { settingsRegistry, type SettingMeta, type SettingSection } from "./define-setting.js";
import { SETTING_SECTIONS, settingsShape, type SettingName } from "./settings-schema.js";

export interface ListedSetting {
  readonly name: SettingName;
  readonly meta: SettingMeta;
}

/** Each section of the settings schema, in order, with its settings in schema order. */
export function listSettings(): readonly { readonly id: SettingSection; readonly title: string; readonly intro?: string; readonly outro?: string; readonly settings: readonly ListedSetting[] }[] {
  const all = (Object.keys(settingsShape) as SettingName[]).map((name) => {
    const meta = settingsRegistry.get(settingsShape[name]);
    if (meta === undefined) throw new Error(`${name} has no description in the settings schema; define it with the helpers of define-setting.ts.`);
    return { name, meta };
  });
  return SETTING_SECTIONS.map((section) => ({ ...section, settings: all.filter((setting) => setting.meta.section === section.id) }));
}
