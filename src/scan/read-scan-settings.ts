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

const MB = 1024 * 1024;

/** The scan's limits, from PATCHSMITH_SCAN_* environment variables (each listed in .env.example). */
const scanSettingsSchema = z.object({
  /** Largest repository archive (the gzipped tarball as downloaded) a scan accepts. */
  PATCHSMITH_SCAN_MAX_TARBALL_BYTES: integer(100 * MB, 1024, 4096 * MB),
  /** Most bytes the archive may expand to on disk. */
  PATCHSMITH_SCAN_MAX_EXTRACTED_BYTES: integer(500 * MB, 1024, 16_384 * MB),
  /** Most files (archive entries) a scan accepts. */
  PATCHSMITH_SCAN_MAX_FILES: integer(20_000, 1, 1_000_000),
  /** Most JavaScript/TypeScript files one scan analyses (source first, then tests); the rest are counted as skipped. */
  PATCHSMITH_SCAN_MAX_ANALYSED_FILES: integer(2_000, 1, 50_000),
  /** Prompt tokens the model may spend on one scan, most important files first. */
  PATCHSMITH_SCAN_TOKEN_BUDGET: integer(200_000, 0, 100_000_000),
  /** A scan running longer than this (milliseconds) is stopped. */
  PATCHSMITH_SCAN_TIMEOUT_MS: integer(2 * 60 * 60_000, 60_000, 24 * 60 * 60_000),
  /** Minutes between two looks at the schedules of every installed repository (0 switches the scheduler off). */
  PATCHSMITH_SCAN_TICK_MINUTES: integer(5, 0, 60),
  /** Scans due at the same time start spread over at most this many minutes (a fixed offset per repository). */
  PATCHSMITH_SCAN_SPREAD_MINUTES: integer(180, 0, 24 * 60),
});

export interface ScanSettings {
  readonly maxTarballBytes: number;
  readonly maxExtractedBytes: number;
  readonly maxFiles: number;
  readonly maxAnalysedFiles: number;
  readonly tokenBudget: number;
  readonly timeoutMs: number;
  /** 0: this instance schedules no scans (it still runs `/patchsmith scan`). */
  readonly tickMinutes: number;
  readonly spreadMs: number;
}

/** Read the scan settings from an environment object (pass `process.env`; tests pass a literal). */
export function readScanSettings(env: Readonly<Record<string, string | undefined>>): ScanSettings {
  const result = scanSettingsSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new InvalidSettingsError(`Invalid environment: ${problems.join("; ")}. See .env.example for the expected values.`);
  }
  const s = result.data;
  return {
    maxTarballBytes: s.PATCHSMITH_SCAN_MAX_TARBALL_BYTES,
    maxExtractedBytes: s.PATCHSMITH_SCAN_MAX_EXTRACTED_BYTES,
    maxFiles: s.PATCHSMITH_SCAN_MAX_FILES,
    maxAnalysedFiles: s.PATCHSMITH_SCAN_MAX_ANALYSED_FILES,
    tokenBudget: s.PATCHSMITH_SCAN_TOKEN_BUDGET,
    timeoutMs: s.PATCHSMITH_SCAN_TIMEOUT_MS,
    tickMinutes: s.PATCHSMITH_SCAN_TICK_MINUTES,
    spreadMs: s.PATCHSMITH_SCAN_SPREAD_MINUTES * 60_000,
  };
}
