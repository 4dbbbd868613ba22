import { z } from "zod";

const integer = (fallback: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, "expected a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional()
    .transform((value) => value ?? fallback);

/** The app's own settings, from PATCHSMITH_* environment variables (each listed in .env.example). */
const appSettingsSchema = z.object({
  /** Reviews run at once in this process. */
  PATCHSMITH_CONCURRENCY: integer(1, 1, 16),
  /** Content-creating GitHub requests (comments, reviews, check-run updates) per minute, for the whole process. */
  PATCHSMITH_WRITES_PER_MINUTE: integer(80, 1, 80),
  /** Blobs fetched from GitHub at once per review. */
  PATCHSMITH_FETCH_CONCURRENCY: integer(8, 1, 64),
  /** A review that runs longer than this (milliseconds) is stopped and reported as timed out. */
  PATCHSMITH_REVIEW_TIMEOUT_MS: integer(30 * 60_000, 10_000, 6 * 60 * 60_000),
  /** Shortest time (milliseconds) between two progress updates of a check run. */
  PATCHSMITH_PROGRESS_INTERVAL_MS: integer(10_000, 0, 10 * 60_000),
  /** Delivery ids remembered to ignore redelivered webhooks. */
  PATCHSMITH_DELIVERY_MEMORY: integer(10_000, 100, 1_000_000),
  /** Run generated tests (untrusted code) in a throwaway copy: the operator's choice, never the repository's. */
  PATCHSMITH_TESTS_RUN: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(["true", "false"], { message: "expected true or false" }))
    .optional()
    .transform((value) => value === "true"),
  /** Time limit (milliseconds) of one run of one generated test file. */
  PATCHSMITH_TESTS_TIMEOUT_MS: integer(60_000, 1_000, 10 * 60_000),
  /** Heap limit (MB) of each analysis worker thread: a review that needs more fails alone, with a message naming this. */
  PATCHSMITH_ANALYSIS_MEMORY_MB: integer(4096, 256, 65_536),
  /** Longest wait (milliseconds) for GitHub to answer one API request, Octokit's retries included. */
  PATCHSMITH_GITHUB_TIMEOUT_MS: integer(120_000, 1_000, 30 * 60_000),
  /** Dependency declarations for type checking: from the registry (on), only from the cache (offline), or none (off). */
  PATCHSMITH_TYPES: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(["on", "off", "offline"], { message: "expected on, off or offline" }))
    .optional()
    .transform((value) => value ?? "on"),
  /** The npm registry (or a mirror) dependency declarations come from. */
  PATCHSMITH_REGISTRY: z
    .string()
    .trim()
    .pipe(z.url({ protocol: /^https?$/, message: "expected an http(s) URL" }))
    .optional()
    .transform((value) => value ?? "https://registry.npmjs.org/"),
  /** Token for that registry (private packages); sent to it only. */
  PATCHSMITH_REGISTRY_TOKEN: z.string().trim().min(1).optional(),
  /** Folder of the declaration cache shared by all reviews (default: $XDG_CACHE_HOME/patchsmith/types or ~/.cache/patchsmith/types). */
  PATCHSMITH_TYPES_CACHE_DIR: z.string().trim().min(1).optional(),
  /** Size cap (MB) of that cache; least recently used packages go first. */
  PATCHSMITH_TYPES_CACHE_MB: integer(1024, 16, 1_048_576),
  /** Folder of the single process's job journal (default: $XDG_STATE_HOME/patchsmith or ~/.local/state/patchsmith). */
  PATCHSMITH_DATA_DIR: z.string().trim().min(1).optional(),
});

export interface AppSettings {
  readonly concurrency: number;
  readonly writesPerMinute: number;
  readonly fetchConcurrency: number;
  readonly reviewTimeoutMs: number;
  readonly progressIntervalMs: number;
  readonly deliveryMemory: number;
  /** `tests.run`: whether generated tests are executed (off by default), and the time limit of one run. */
  readonly tests: { readonly run: boolean; readonly timeoutMs: number };
  /** Heap limit (MB) of each analysis worker thread (TypeScript and ESLint run there, off the event loop). */
  readonly analysisMemoryMb: number;
  /** Longest wait for one GitHub API request (a streamed archive download has its own limits). */
  readonly githubTimeoutMs: number;
  /** Where dependency declarations come from (see createEnvironmentProvider). */
  readonly types: {
    readonly mode: "on" | "off" | "offline";
    readonly registry: string;
    readonly token?: string;
    readonly cacheDir?: string;
    readonly cacheMb: number;
  };
  /** Where the single process keeps its job journal (undefined: the default folder, see journalFile). */
  readonly dataDir?: string;
}

/** Thrown at start-up when a PATCHSMITH_* variable has a value that cannot be used; the message names it. */
export class InvalidSettingsError extends Error {
  override readonly name = "InvalidSettingsError";
}

/** Read the settings from an environment object (pass `process.env`; tests pass a literal). */
export function readAppSettings(env: Readonly<Record<string, string | undefined>>): AppSettings {
  const result = appSettingsSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new InvalidSettingsError(`Invalid environment: ${problems.join("; ")}. See .env.example for the expected values.`);
  }
  const s = result.data;
  return {
    concurrency: s.PATCHSMITH_CONCURRENCY,
    writesPerMinute: s.PATCHSMITH_WRITES_PER_MINUTE,
    fetchConcurrency: s.PATCHSMITH_FETCH_CONCURRENCY,
    reviewTimeoutMs: s.PATCHSMITH_REVIEW_TIMEOUT_MS,
    progressIntervalMs: s.PATCHSMITH_PROGRESS_INTERVAL_MS,
    deliveryMemory: s.PATCHSMITH_DELIVERY_MEMORY,
    tests: { run: s.PATCHSMITH_TESTS_RUN, timeoutMs: s.PATCHSMITH_TESTS_TIMEOUT_MS },
    analysisMemoryMb: s.PATCHSMITH_ANALYSIS_MEMORY_MB,
    githubTimeoutMs: s.PATCHSMITH_GITHUB_TIMEOUT_MS,
    types: {
      mode: s.PATCHSMITH_TYPES,
      registry: s.PATCHSMITH_REGISTRY,
      cacheMb: s.PATCHSMITH_TYPES_CACHE_MB,
      ...(s.PATCHSMITH_REGISTRY_TOKEN === undefined ? {} : { token: s.PATCHSMITH_REGISTRY_TOKEN }),
      ...(s.PATCHSMITH_TYPES_CACHE_DIR === undefined ? {} : { cacheDir: s.PATCHSMITH_TYPES_CACHE_DIR }),
    },
    ...(s.PATCHSMITH_DATA_DIR === undefined ? {} : { dataDir: s.PATCHSMITH_DATA_DIR }),
  };
}
