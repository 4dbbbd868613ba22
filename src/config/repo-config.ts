import { parse as parseYaml } from "yaml";
import { z } from "zod";

/**
 * The repository's `.github/patchsmith.yml`, validated. Every field has a
 * default, so an empty file (or none) is a valid config.
 */
export const repoConfigSchema = z
  .object({
    /** Globs of paths to review; everything by default. */
    include: z.array(z.string()).default(["**/*"]),
    /** Globs of paths never reviewed (added to the built-in lockfile/generated/vendored list). */
    ignore: z.array(z.string()).default([]),
    /** At most this many inline comments per review; the rest go in the summary. */
    maxComments: z.number().int().min(0).max(100).default(20),
    /** Findings below this severity are not posted. */
    severity: z.enum(["error", "warning", "info"]).default("warning"),
    /** Review draft pull requests too. */
    drafts: z.boolean().default(false),
    /** Make the check run fail when findings of this severity exist. */
    failOn: z.enum(["error", "warning", "never"]).default("never"),
    /** Largest file (bytes) that is analysed. */
    maxFileBytes: z.number().int().positive().max(50_000_000).default(1_000_000),
    /** Caps on one review's work; the maxima protect the host whatever a repository asks for. */
    limits: z
      .object({
        /** Files analysed per review; the rest are listed as skipped. */
        maxFiles: z.number().int().min(1).max(3000).default(300),
        /** Bytes of file contents read per review (base and head together). */
        maxTotalBytes: z.number().int().positive().max(200_000_000).default(20_000_000),
        /** Prompt tokens the model may spend per review. */
        maxModelTokens: z.number().int().min(0).max(2_000_000).default(120_000),
      })
      .strict()
      .default({ maxFiles: 300, maxTotalBytes: 20_000_000, maxModelTokens: 120_000 }),
    checks: z
      .object({
        eslint: z.boolean().default(true),
        typescript: z.boolean().default(true),
        model: z.boolean().default(true),
        tests: z.boolean().default(true),
      })
      .strict()
      .default({ eslint: true, typescript: true, model: true, tests: true }),
    /** Switch shipped ESLint rules on or off by name, e.g. `no-console: warn`. */
    rules: z.record(z.string(), z.enum(["off", "warn", "error"])).default({}),
    model: z
      .object({
        temperature: z.number().min(0).max(2).default(0),
        /** Attempts per model edit, the first one included (the repair loop). */
        maxAttempts: z.number().int().min(1).max(5).default(3),
        /** Keep advice whose edit never validated, as plain text. */
        keepUnvalidatedAdvice: z.boolean().default(true),
        /** The most a model finding without a validated edit may be: "warning" (the highest allowed) or "info". */
        findingSeverity: z.enum(["warning", "info"]).default("warning"),
        /** Ask the model a second, yes/no question about each of its findings ("is this claim true of these lines?") and drop those it answers no. */
        verifyFindings: z.boolean().default(false),
        /** The likelihood check: rewrites of the added lines (a comparison inverted, a bound off by one, a sibling property, a missing await) that the model finds far likelier than the code as written are reported as its unverified observations. */
        likelyBugs: z.boolean().default(true),
      })
      .strict()
      .default({ temperature: 0, maxAttempts: 3, keepUnvalidatedAdvice: true, findingSeverity: "warning", verifyFindings: false, likelyBugs: true }),
    scan: z
      .object({
        enabled: z.boolean().default(true),
        schedule: z.string().default("0 3 * * 1"),
        openPullRequest: z.boolean().default(false),
      })
      .strict()
      .default({ enabled: true, schedule: "0 3 * * 1", openPullRequest: false }),
  })
  .strict();

export type RepoConfig = z.infer<typeof repoConfigSchema>;

export const defaultRepoConfig: RepoConfig = repoConfigSchema.parse({});

/** Thrown when `.github/patchsmith.yml` is not valid; the message names the field. */
export class InvalidConfigError extends Error {
  override readonly name = "InvalidConfigError";
}

/** Validate an already-parsed config object (e.g. from Probot's `context.config`). */
export function parseRepoConfig(value: unknown, source = ".github/patchsmith.yml"): RepoConfig {
  const result = repoConfigSchema.safeParse(value ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
    return `\`${field}\`: ${issue.message}`;
  });
  throw new InvalidConfigError(`${source} is not valid: ${problems.join("; ")}. See the README's configuration section for the expected values.`);
}

/** Parse YAML text as data (no tags, no custom types) and validate it. */
export function parseRepoConfigYaml(text: string, source = ".github/patchsmith.yml"): RepoConfig {
  let value: unknown;
  try {
    // logLevel "error": warnings about a repository's odd tags would go to the process's stderr, outside our log.
    value = parseYaml(text, { schema: "core", maxAliasCount: 100, logLevel: "error" });
  } catch (error) {
    throw new InvalidConfigError(`${source} is not valid YAML: ${(error as Error).message}`, { cause: error });
  }
  return parseRepoConfig(value, source);
}
