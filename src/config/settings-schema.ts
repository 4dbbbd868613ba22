import { z } from "zod";
import { GPU_CHOICES } from "../llm/llama/gpu-choice.js";
import { MODEL_FINDINGS_CHOICES } from "../llm/model-findings-choice.js";
import { choice, flag, httpUrl, integer, matching, optionalChoice, optionalInteger, text, type SettingSection } from "./define-setting.js";

const MB = 1024 * 1024;

/** The sections of .env.example and docs/settings.md, in order, with what is said before and after their settings. */
export const SETTING_SECTIONS: readonly { readonly id: SettingSection; readonly title: string; readonly intro?: string; readonly outro?: string }[] = [
  { id: "github", title: "GitHub App (Probot)", intro: "Probot reads most of these itself; patchsmith checks PRIVATE_KEY_PATH and WEBHOOK_SECRET at start." },
  {
    id: "reviews",
    title: "Reviews",
    outro: 'With NODE_ENV=production the app refuses to start unless WEBHOOK_SECRET is set to something other than Probot\'s default "development".',
  },
  {
    id: "queue",
    title: "Queue, workers and shutdown",
    intro: "Without REDIS_URL (the default) one process answers webhooks and runs reviews; each review is stored in the job journal before the webhook is answered and rerun after a crash. With it, jobs live in Redis (BullMQ), shared by `patchsmith serve` instances and `patchsmith worker`s.",
    outro: "GET /healthz (process, Redis) and GET /metrics (Prometheus) answer on PORT.",
  },
  {
    id: "scans",
    title: "Repository scans",
    intro: "Each repository is scanned on the cron in its .github/patchsmith.yml (scan.schedule, UTC, default Mondays 03:00), delayed by a fixed per-repository offset. The report goes to one tracking issue per repository.",
  },
  { id: "model", title: "Model", intro: "Without PATCHSMITH_MODEL or PATCHSMITH_LLM_URL only the deterministic checks (ESLint, TypeScript) run." },
  { id: "tests", title: "Generated unit tests" },
  {
    id: "cli",
    title: "Command line",
    intro: "Read by `patchsmith review OWNER/REPO#N` (a pull request by URL), not by the App; the other settings above apply to the commands too. On a CI runner (CI=true or GITHUB_ACTIONS=true) progress is one line per step.",
  },
];

/**
 * Every environment variable patchsmith reads (and those Probot reads for it),
 * in the order .env.example lists them: how each is parsed, its default, what
 * it accepts and what it does. `.env.example` and docs/settings.md are written
 * from this (`npm run docs:settings`); a test fails when they differ.
 */
export const settingsShape = {
  // ---- GitHub App (Probot) ----
  APP_ID: text("the App ID (a number)", { section: "github", set: true, examples: [""], description: "The App ID from the app's settings page on GitHub. Leave it empty for the first `npm start`: Probot's setup page then registers the App from app.yml." }),
  PRIVATE_KEY: text("a PEM private key", { section: "github", set: true, secret: true, examples: [""], description: "The app's private key: the PEM text (newlines may be written as \\n, or the whole key base64-encoded), or set PRIVATE_KEY_PATH instead." }),
  PRIVATE_KEY_PATH: text("a path to a .pem file", { section: "github", set: false, examples: ["/run/secrets/patchsmith.pem"], description: "The downloaded .pem file of the app's private key; anything that is not a PEM private key is refused at start. PRIVATE_KEY wins over it." }),
  WEBHOOK_SECRET: text("a long random text", { section: "github", set: true, secret: true, examples: [""], description: "The webhook secret set in the app's settings; every delivery is verified with it." }),
  APP_SLUG: text("the app's slug", { section: "github", set: false, examples: ["patchsmith"], description: "The app's slug (its URL name), so `@<slug> <command>` works as well as `/patchsmith <command>`. Optional: when unset it is read from GitHub once." }),
  PORT: text("a port number", { section: "github", set: true, default: "3000", description: "Port the server listens on: webhooks, GET /healthz (503 while Redis is down) and GET /metrics. `patchsmith worker` listens on it too (for /healthz and /metrics)." }),
  HOST: text("a host name or address", { section: "github", set: true, default: "localhost", examples: ["0.0.0.0"], description: "Address the server listens on: 0.0.0.0 in a container; Probot's default (localhost) only accepts local connections." }),
  WEBHOOK_PATH: text("a URL path", { section: "github", set: false, default: "/api/github/webhooks", description: "Path GitHub posts webhooks to." }),
  WEBHOOK_PROXY_URL: text("a smee.io channel URL", { section: "github", set: false, examples: ["https://smee.io/your-channel"], description: "Forward webhooks from https://smee.io during local development." }),
  GHE_HOST: text("a host name", { section: "github", set: false, examples: ["github.example.com"], description: "GitHub Enterprise Server host name (leave unset for github.com)." }),
  GHE_PROTOCOL: text("https or http", { section: "github", set: false, default: "https", description: "The protocol of GHE_HOST." }),
  LOG_LEVEL: text("trace, debug, info, warn, error or fatal", { section: "github", set: true, default: "info", description: "The least severe log lines written." }),
  LOG_FORMAT: text("json or pretty", { section: "github", set: false, examples: ["json"], description: "json (default when NODE_ENV=production) or pretty." }),
  NODE_ENV: text("production, or unset", { section: "github", set: false, examples: ["production"], description: "production: JSON logs, and a missing or default WEBHOOK_SECRET refuses to start. Leave it unset for the first `npm start`: Probot's setup page (registering the App from app.yml when APP_ID is empty) does not run in production. The Docker image sets it." }),
  SENTRY_DSN: text("a Sentry DSN", { section: "github", set: false, secret: true, examples: [""], description: "Report errors to Sentry." }),

  // ---- Reviews ----
  PATCHSMITH_CONCURRENCY: integer({ fallback: 1, min: 1, max: 16 }, { section: "reviews", set: true, description: "Reviews run at once in this process. Each in-process model review uses the GPU; keep 1 unless the model runs on a separate server (PATCHSMITH_LLM_URL)." }),
  PATCHSMITH_WRITES_PER_MINUTE: integer({ fallback: 80, min: 1, max: 80 }, { section: "reviews", set: true, description: "Content-creating GitHub requests (reviews, comments, check-run updates) per minute for the whole process; GitHub's secondary rate limit is 80." }),
  PATCHSMITH_ANALYSIS_MEMORY_MB: integer({ fallback: 4096, min: 256, max: 65_536 }, { section: "reviews", set: true, description: "Heap limit (MB) of each analysis worker thread, where TypeScript and ESLint run off the event loop. A pull request that needs more fails alone, with a message naming this setting; the worker is replaced." }),
  PATCHSMITH_GITHUB_TIMEOUT_MS: integer({ fallback: 120_000, min: 1_000, max: 30 * 60_000 }, { section: "reviews", set: true, description: "Longest wait (ms) for GitHub to answer one API request, Octokit's retries included (a streamed archive download has its own limits)." }),
  PATCHSMITH_TYPES: choice(["on", "off", "offline"], "on", "on, off or offline", { section: "reviews", set: true, description: "Dependency declarations for type checking: fetched from the registry at the lockfile's versions with npm's fetcher (integrity checked, no scripts, only .d.ts/package.json/tsconfig files kept), cached on disk for every review (on). offline: from the cache only. off: none (imports of packages are unknown and never reported)." }),
  PATCHSMITH_REGISTRY: httpUrl("https://registry.npmjs.org/", { section: "reviews", set: true, description: "The npm registry (or a mirror) those declarations come from." }),
  PATCHSMITH_REGISTRY_TOKEN: text("a token", { section: "reviews", set: false, secret: true, examples: [""], description: "Token for that registry (private packages); sent to it only." }),
  PATCHSMITH_TYPES_CACHE_DIR: text("a folder", { section: "reviews", set: false, examples: ["/var/cache/patchsmith/types"], description: "The declaration cache shared by all reviews (default $XDG_CACHE_HOME/patchsmith/types or ~/.cache/patchsmith/types)." }),
  PATCHSMITH_TYPES_CACHE_MB: integer({ fallback: 1024, min: 16, max: 1_048_576 }, { section: "reviews", set: true, description: "Size cap (MB) of that cache; least recently used packages go first." }),
  PATCHSMITH_DATA_DIR: text("a folder", { section: "reviews", set: false, examples: ["/var/lib/patchsmith"], description: "The single process's job journals (each review, slash command and scan is stored there before the webhook is answered, and rerun after a crash); keep it on a volume. Default $XDG_STATE_HOME/patchsmith or ~/.local/state/patchsmith." }),
  PATCHSMITH_FETCH_CONCURRENCY: integer({ fallback: 8, min: 1, max: 64 }, { section: "reviews", set: true, description: "Blobs fetched from GitHub at once per review." }),
  PATCHSMITH_REVIEW_TIMEOUT_MS: integer({ fallback: 30 * 60_000, min: 10_000, max: 6 * 60 * 60_000 }, { section: "reviews", set: true, description: "A review running longer than this (ms) is stopped; its check run says so (default 30 minutes)." }),
  PATCHSMITH_PROGRESS_INTERVAL_MS: integer({ fallback: 10_000, min: 0, max: 10 * 60_000 }, { section: "reviews", set: true, description: "Shortest time (ms) between two progress updates of a check run (default 10 s)." }),
  PATCHSMITH_DELIVERY_MEMORY: integer({ fallback: 10_000, min: 100, max: 1_000_000 }, { section: "reviews", set: true, description: "Webhook delivery ids remembered to ignore redeliveries." }),
  PATCHSMITH_MAX_PAYLOAD_BYTES: integer({ fallback: 5_000_000, min: 65_536, max: 26_214_400 }, { section: "reviews", set: true, description: "Largest webhook body accepted, in bytes; larger deliveries get 413 before their signature is checked. Also limit body size in the reverse proxy." }),
  PATCHSMITH_REVIEWS_PER_REPO_PER_HOUR: integer({ fallback: 60, min: 1, max: 100_000 }, { section: "reviews", set: true, description: "Reviews of one repository that may start in any hour; more are refused and the check run says when to re-run." }),

  // ---- Queue, workers and shutdown ----
  REDIS_URL: matching(/^rediss?:\/\//, undefined, "a redis:// or rediss:// URL", { section: "queue", set: false, secret: true, examples: ["redis://127.0.0.1:6379"], description: "Set: jobs live in Redis (BullMQ) and several instances and workers share them. Unset: one process, in-memory queues." }),
  PATCHSMITH_ROLE: optionalChoice(["serve", "worker", "both"], "serve, worker or both", { section: "queue", set: false, default: "both", description: "serve (webhooks only), worker (jobs only) or both (one process); `patchsmith serve`/`worker` set it. serve and worker need REDIS_URL." }),
  PATCHSMITH_QUEUE_MAX_WAITING: integer({ fallback: 500, min: 1, max: 1_000_000 }, { section: "queue", set: true, description: "Most reviews waiting; beyond it a review is refused and its check run says so." }),
  PATCHSMITH_SHUTDOWN_GRACE_MS: integer({ fallback: 60_000, min: 0, max: 60 * 60_000 }, { section: "queue", set: true, description: "On SIGTERM a running job may finish for this long (ms), then it is stopped and requeued." }),
  PATCHSMITH_QUEUE_ATTEMPTS: integer({ fallback: 3, min: 1, max: 20 }, { section: "queue", set: true, description: "With Redis: tries per job (retried with exponential backoff)." }),
  PATCHSMITH_QUEUE_LOCK_MS: integer({ fallback: 30_000, min: 5_000, max: 60 * 60_000 }, { section: "queue", set: true, description: "With Redis: a worker silent this long (ms) loses its job to another worker." }),

  // ---- Repository scans ----
  PATCHSMITH_SCAN_TICK_MINUTES: integer({ fallback: 5, min: 0, max: 60 }, { section: "scans", set: true, description: "Minutes between two looks at every installed repository's schedule; 0 makes this instance schedule nothing (it still runs `/patchsmith scan`)." }),
  PATCHSMITH_SCAN_SPREAD_MINUTES: integer({ fallback: 180, min: 0, max: 24 * 60 }, { section: "scans", set: true, description: "Scans due at the same time start spread over at most this many minutes (a fixed offset per repository)." }),
  PATCHSMITH_SCAN_MAX_TARBALL_BYTES: integer({ fallback: 100 * MB, min: 1024, max: 4096 * MB }, { section: "scans", set: true, description: "Largest repository archive (gzipped tarball as downloaded, bytes) a scan accepts; a larger one is refused and the tracking issue says so (default 100 MiB)." }),
  PATCHSMITH_SCAN_MAX_EXTRACTED_BYTES: integer({ fallback: 500 * MB, min: 1024, max: 16_384 * MB }, { section: "scans", set: true, description: "Most bytes the archive may expand to on disk (default 500 MiB)." }),
  PATCHSMITH_SCAN_MAX_FILES: integer({ fallback: 20_000, min: 1, max: 1_000_000 }, { section: "scans", set: true, description: "Most files (archive entries) a scan accepts." }),
  PATCHSMITH_SCAN_MAX_ANALYSED_FILES: integer({ fallback: 2_000, min: 1, max: 50_000 }, { section: "scans", set: true, description: "Most JavaScript/TypeScript files one scan analyses (source first, tests last); the rest are counted as skipped." }),
  PATCHSMITH_SCAN_TOKEN_BUDGET: integer({ fallback: 200_000, min: 0, max: 100_000_000 }, { section: "scans", set: true, description: "Prompt tokens the model may spend on one scan, most important files first." }),
  PATCHSMITH_SCAN_TIMEOUT_MS: integer({ fallback: 2 * 60 * 60_000, min: 60_000, max: 24 * 60 * 60_000 }, { section: "scans", set: true, description: "A scan running longer than this (ms) is stopped (default 2 hours)." }),

  // ---- Model ----
  PATCHSMITH_MODEL: text("a .gguf path or an hf:/https: URI", {
    section: "model",
    set: false,
    examples: ["/models/qwen2.5-coder-7b-instruct-q4_k_m.gguf", "hf:bartowski/Qwen2.5-Coder-7B-Instruct-GGUF:Q4_K_M"],
    description: "A GGUF file, run in this process by node-llama-cpp (GPU detected by itself), or a URI (hf:user/repo:quant, https://…/model.gguf) downloaded into PATCHSMITH_MODEL_DIR on first use. Unset in .env.example, so a first start works without a model file; `patchsmith model pull` downloads one and prints the line to put here. In the container, mount the models directory and point here.",
  }),
  PATCHSMITH_MODEL_DIR: text("a folder", { section: "model", set: false, examples: ["/models"], description: "Where models given as hf:/https: URIs are downloaded and looked up (default $XDG_CACHE_HOME/patchsmith/models or ~/.cache/patchsmith/models)." }),
  PATCHSMITH_GPU: choice(GPU_CHOICES, "auto", `one of ${GPU_CHOICES.join(", ")}`, { section: "model", set: true, description: "auto (detect the best backend), cuda, vulkan, metal or cpu." }),
  PATCHSMITH_CONTEXT_SIZE: integer({ fallback: 8192, min: 1, max: 1_048_576 }, { section: "model", set: true, description: "Tokens per request, prompt and answer together." }),
  PATCHSMITH_THREADS: optionalInteger({ min: 1, max: 1024, default: "node-llama-cpp decides" }, { section: "model", set: false, examples: ["8"], description: "CPU threads for evaluation (default: node-llama-cpp's choice, never more than the machine's cores)." }),
  PATCHSMITH_SEQUENCES: optionalInteger({ min: 1, max: 64, default: "1 in-process, 4 against a server" }, { section: "model", set: false, examples: ["1"], description: "Requests evaluated in parallel in-process, or sent at once to a server." }),
  PATCHSMITH_LLM_TIMEOUT_MS: integer({ fallback: 300_000, min: 1, max: 86_400_000 }, { section: "model", set: true, description: "Time limit of one generation in ms (default 5 minutes)." }),
  PATCHSMITH_MODEL_FINDINGS: choice(MODEL_FINDINGS_CHOICES, "auto", `one of ${MODEL_FINDINGS_CHOICES.join(", ")}`, { section: "model", set: true, description: "Whether the model also reviews the changed hunks for bugs of its own (unverified warnings), besides fixing what ESLint and TypeScript found and writing tests: on, off, or auto — on with a GPU or a model server, off when the model runs on the CPU alone, where each file costs tens of seconds and the small models the CPU can run found no planted bug on patchsmith's case set (docs/benchmarks.md)." }),
  PATCHSMITH_MODEL_TRACE: text("a file path", { section: "model", set: false, examples: ["/tmp/patchsmith-model.jsonl"], description: "For debugging a model: append every model request (operation, system and user prompt) and its answer, with tokens and milliseconds, to this file as JSON lines. It holds the reviewed code: keep it where the code may be." }),
  PATCHSMITH_LLM_URL: matching(/^https?:\/\/[^/]/, undefined, "an http:// or https:// base URL such as http://localhost:8080/v1", { section: "model", set: false, examples: ["http://gpu-box:8080/v1"], description: "Instead of a local model: the base URL of an OpenAI-compatible server (llama.cpp's llama-server, vLLM, Ollama); used when PATCHSMITH_MODEL is not set." }),
  PATCHSMITH_LLM_MODEL: text("a model name", { section: "model", set: false, examples: ["qwen2.5-coder-7b-instruct"], description: "The model name that server expects." }),
  PATCHSMITH_LLM_API_KEY: text("a token", { section: "model", set: false, secret: true, examples: [""], description: "The bearer token sent to that server." }),

  // ---- Generated unit tests ----
  PATCHSMITH_TESTS_RUN: flag(false, { section: "tests", set: true, description: "Run generated tests (the PR's code: untrusted) in a throwaway copy with `npm ci --ignore-scripts`, no secrets in the environment and a time limit, keeping only tests that pass three runs in a row: the operator's choice, never the repository's. Off by default: without it generated tests are type-checked and linted only, and the summary says so." }),
  PATCHSMITH_TESTS_TIMEOUT_MS: integer({ fallback: 60_000, min: 1_000, max: 10 * 60_000 }, { section: "tests", set: true, description: "Time limit (ms) of one run of one generated test file." }),
  PATCHSMITH_TESTS_NODE: text("a path to a node executable", { section: "tests", set: false, examples: ["/usr/local/bin/node22"], description: "The Node.js that runs generated tests (node:test, and the version the TypeScript check for node:test uses); default: the one running patchsmith. Set it when the repositories' tests need another version, e.g. node:test on TypeScript files needs 22.6 or later." }),

  // ---- Command line ----
  GITHUB_TOKEN: text("a GitHub token", { section: "cli", set: false, secret: true, examples: [""], description: "The token `patchsmith review` reads a pull request with (and posts with, given --post); --token overrides it. Without one, public repositories work within GitHub's unauthenticated limit." }),
  GITHUB_API_URL: text("an http(s) URL", { section: "cli", set: false, default: "https://api.github.com", examples: ["https://github.example.com/api/v3"], description: "The REST API of GitHub Enterprise Server; --api-url overrides it." }),
};

/** The one schema of the environment: parse it once at start-up (see readSettings) and pass the result down. */
export const settingsSchema = z.object(settingsShape);

export type SettingName = keyof typeof settingsShape;
export type SettingValue<N extends SettingName> = z.output<(typeof settingsShape)[N]>;
