import { InvalidSettingsError } from "../config/app-settings.js";

/** The operator's limits that protect the host, from PATCHSMITH_* environment variables (each listed in .env.example). */
export interface SecuritySettings {
  /** Largest webhook body accepted, in bytes; larger deliveries are refused with 413. */
  readonly maxPayloadBytes: number;
  /** Reviews of one repository that may start in any hour. */
  readonly reviewsPerRepoPerHour: number;
}

const SETTINGS = {
  PATCHSMITH_MAX_PAYLOAD_BYTES: { fallback: 5_000_000, min: 65_536, max: 26_214_400 },
  PATCHSMITH_REVIEWS_PER_REPO_PER_HOUR: { fallback: 60, min: 1, max: 100_000 },
} as const;

/** Read the security limits from an environment object; InvalidSettingsError names a bad variable and its range. */
export function readSecuritySettings(env: Readonly<Record<string, string | undefined>>): SecuritySettings {
  const read = (name: keyof typeof SETTINGS): number => {
    const { fallback, min, max } = SETTINGS[name];
    const raw = env[name]?.trim();
    if (raw === undefined || raw === "") return fallback;
    const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw new InvalidSettingsError(`Invalid environment: ${name}=${raw} is not a whole number from ${min} to ${max}. See .env.example for the expected values.`);
    }
    return value;
  };
  return { maxPayloadBytes: read("PATCHSMITH_MAX_PAYLOAD_BYTES"), reviewsPerRepoPerHour: read("PATCHSMITH_REVIEWS_PER_REPO_PER_HOUR") };
}
