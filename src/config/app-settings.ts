import { readSettingGroup } from "./read-setting-group.js";

export { InvalidSettingsError } from "./invalid-settings-error.js";

/** The variables the app's own settings come from (see settingsSchema for each one's meaning and default). */
const APP_SETTING_NAMES = [
  "PATCHSMITH_CONCURRENCY",
  "PATCHSMITH_WRITES_PER_MINUTE",
  "PATCHSMITH_FETCH_CONCURRENCY",
  "PATCHSMITH_REVIEW_TIMEOUT_MS",
  "PATCHSMITH_PROGRESS_INTERVAL_MS",
  "PATCHSMITH_DELIVERY_MEMORY",
  "PATCHSMITH_TESTS_RUN",
  "PATCHSMITH_TESTS_TIMEOUT_MS",
  "PATCHSMITH_TESTS_NODE",
  "PATCHSMITH_ANALYSIS_MEMORY_MB",
  "PATCHSMITH_GITHUB_TIMEOUT_MS",
  "PATCHSMITH_TYPES",
  "PATCHSMITH_REGISTRY",
  "PATCHSMITH_REGISTRY_TOKEN",
  "PATCHSMITH_TYPES_CACHE_DIR",
  "PATCHSMITH_TYPES_CACHE_MB",
  "PATCHSMITH_DATA_DIR",
] as const;

export interface AppSettings {
  readonly concurrency: number;
  readonly writesPerMinute: number;
  readonly fetchConcurrency: number;
  readonly reviewTimeoutMs: number;
  readonly progressIntervalMs: number;
  readonly deliveryMemory: number;
  /** `tests.run`: whether generated tests are executed (off by default), and the time limit of one run. */
  readonly tests: { readonly run: boolean; readonly timeoutMs: number; readonly node?: string };
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

/** Read the settings from an environment object (pass `process.env`; tests pass a literal). */
export function readAppSettings(env: Readonly<Record<string, string | undefined>>): AppSettings {
  const s = readSettingGroup(env, APP_SETTING_NAMES);
  return {
    concurrency: s.PATCHSMITH_CONCURRENCY,
    writesPerMinute: s.PATCHSMITH_WRITES_PER_MINUTE,
    fetchConcurrency: s.PATCHSMITH_FETCH_CONCURRENCY,
    reviewTimeoutMs: s.PATCHSMITH_REVIEW_TIMEOUT_MS,
    progressIntervalMs: s.PATCHSMITH_PROGRESS_INTERVAL_MS,
    deliveryMemory: s.PATCHSMITH_DELIVERY_MEMORY,
    tests: { run: s.PATCHSMITH_TESTS_RUN, timeoutMs: s.PATCHSMITH_TESTS_TIMEOUT_MS, ...(s.PATCHSMITH_TESTS_NODE === undefined ? {} : { node: s.PATCHSMITH_TESTS_NODE }) },
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
