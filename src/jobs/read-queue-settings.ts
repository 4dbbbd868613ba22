import { z } from "zod";
import { InvalidSettingsError } from "../config/app-settings.js";

const integer = (fallback: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, "expected a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional()
    .transform((value) => value ?? fallback);

const schema = z.object({
  /** Set: jobs live in Redis (BullMQ) and several instances and workers share them. */
  REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\//, "expected a redis:// or rediss:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Most reviews waiting; more are refused (logged, and the check run says so). */
  PATCHSMITH_QUEUE_MAX_WAITING: integer(500, 1, 1_000_000),
  /** On SIGTERM, how long (milliseconds) a running job may go on before it is stopped and requeued. */
  PATCHSMITH_SHUTDOWN_GRACE_MS: integer(60_000, 0, 60 * 60_000),
  /** Tries per job on Redis (retried with exponential backoff). */
  PATCHSMITH_QUEUE_ATTEMPTS: integer(3, 1, 20),
  /** A worker silent this long (milliseconds) loses its job to another worker. */
  PATCHSMITH_QUEUE_LOCK_MS: integer(30_000, 5_000, 60 * 60_000),
  /** serve (webhooks only), worker (jobs only) or both (one process, the default). */
  PATCHSMITH_ROLE: z.enum(["serve", "worker", "both"], { message: "expected serve, worker or both" }).optional(),
});

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
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new InvalidSettingsError(`Invalid environment: ${problems.join("; ")}. See .env.example for the expected values.`);
  }
  const s = result.data;
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
