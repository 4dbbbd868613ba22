import { InvalidSettingsError } from "../config/invalid-settings-error.js";
import { readSettingGroup } from "../config/read-setting-group.js";

export type ProcessRole = "serve" | "worker" | "both";

export interface QueueSettings {
  readonly redisUrl?: string;
  readonly maxWaiting: number;
  readonly shutdownGraceMs: number;
  readonly attempts: number;
  readonly lockMs: number;
  readonly role: ProcessRole;
}

/** The queue's settings from the environment (REDIS_URL, PATCHSMITH_QUEUE_*, PATCHSMITH_SHUTDOWN_GRACE_MS, PATCHSMITH_ROLE). */
export function readQueueSettings(env: Readonly<Record<string, string | undefined>>): QueueSettings {
  const s = readSettingGroup(env, ["REDIS_URL", "PATCHSMITH_QUEUE_MAX_WAITING", "PATCHSMITH_SHUTDOWN_GRACE_MS", "PATCHSMITH_QUEUE_ATTEMPTS", "PATCHSMITH_QUEUE_LOCK_MS", "PATCHSMITH_ROLE"]);
  const role = s.PATCHSMITH_ROLE ?? "both";
  if (role !== "both" && s.REDIS_URL === undefined) {
    throw new InvalidSettingsError(`PATCHSMITH_ROLE=${role} needs REDIS_URL: a webhook server and its workers share jobs through Redis.`);
  }
  return {
    ...(s.REDIS_URL === undefined ? {} : { redisUrl: s.REDIS_URL }),
    maxWaiting: s.PATCHSMITH_QUEUE_MAX_WAITING,
    shutdownGraceMs: s.PATCHSMITH_SHUTDOWN_GRACE_MS,
    attempts: s.PATCHSMITH_QUEUE_ATTEMPTS,
    lockMs: s.PATCHSMITH_QUEUE_LOCK_MS,
    role,
  };
}
