import { readAppSettings, type AppSettings } from "./config/app-settings.js";
import { readSettingGroup } from "./config/read-setting-group.js";
import { readQueueSettings, type QueueSettings } from "./jobs/read-queue-settings.js";
import { readScanSettings, type ScanSettings } from "./scan/read-scan-settings.js";
import { readSecuritySettings, type SecuritySettings } from "./security/read-security-settings.js";

/** The GitHub App's own values that patchsmith uses besides Probot. */
export interface GithubAppSettings {
  /** APP_SLUG: the app's URL name, for `@<slug> <command>`; undefined: read from GitHub once. */
  readonly appSlug?: string;
  /** WEBHOOK_PATH (Probot's default /api/github/webhooks): the path whose bodies are size-limited. */
  readonly webhookPath: string;
}

/** Every setting of the App process, read from the environment once at start-up and passed down. */
export interface Settings {
  readonly github: GithubAppSettings;
  readonly app: AppSettings;
  readonly queue: QueueSettings;
  readonly scan: ScanSettings;
  readonly security: SecuritySettings;
}

/**
 * Read the App's settings from an environment object (pass `process.env`;
 * tests pass a literal), each group with the one settings schema. Throws
 * InvalidSettingsError naming a variable that cannot be used. The model's
 * settings are read where the model is loaded (createGenerator), so a bad
 * one leaves the deterministic checks running, with a notice.
 */
export function readSettings(env: Readonly<Record<string, string | undefined>>): Settings {
  const github = readSettingGroup(env, ["APP_SLUG", "WEBHOOK_PATH"]);
  return {
    github: {
      ...(github.APP_SLUG === undefined ? {} : { appSlug: github.APP_SLUG }),
      webhookPath: github.WEBHOOK_PATH ?? "/api/github/webhooks",
    },
    app: readAppSettings(env),
    security: readSecuritySettings(env),
    queue: readQueueSettings(env),
    scan: readScanSettings(env),
  };
}
