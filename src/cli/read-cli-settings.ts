import { type AppSettings, InvalidSettingsError, readAppSettings } from "../config/app-settings.js";
import { UsageError } from "./cli-io.js";

/** The operator's settings (PATCHSMITH_*) for a CLI command or the Action; an invalid one is a usage error that names it. */
export function readCliSettings(env: Readonly<Record<string, string | undefined>>): AppSettings {
  try {
    return readAppSettings(env);
  } catch (error) {
    if (error instanceof InvalidSettingsError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
}
