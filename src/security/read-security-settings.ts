import { readSettingGroup } from "../config/read-setting-group.js";

/** The operator's limits that protect the host, from PATCHSMITH_* environment variables (each listed in .env.example). */
export interface SecuritySettings {
  /** Largest webhook body accepted, in bytes; larger deliveries are refused with 413. */
  readonly maxPayloadBytes: number;
  /** Reviews of one repository that may start in any hour. */
  readonly reviewsPerRepoPerHour: number;
}

/** Read the security limits from an environment object; InvalidSettingsError names a bad variable and its range. */
export function readSecuritySettings(env: Readonly<Record<string, string | undefined>>): SecuritySettings {
  const s = readSettingGroup(env, ["PATCHSMITH_MAX_PAYLOAD_BYTES", "PATCHSMITH_REVIEWS_PER_REPO_PER_HOUR"], "is-not");
  return { maxPayloadBytes: s.PATCHSMITH_MAX_PAYLOAD_BYTES, reviewsPerRepoPerHour: s.PATCHSMITH_REVIEWS_PER_REPO_PER_HOUR };
}
