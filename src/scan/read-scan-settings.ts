import { readSettingGroup } from "../config/read-setting-group.js";

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
  const s = readSettingGroup(env, [
    "PATCHSMITH_SCAN_MAX_TARBALL_BYTES",
    "PATCHSMITH_SCAN_MAX_EXTRACTED_BYTES",
    "PATCHSMITH_SCAN_MAX_FILES",
    "PATCHSMITH_SCAN_MAX_ANALYSED_FILES",
    "PATCHSMITH_SCAN_TOKEN_BUDGET",
    "PATCHSMITH_SCAN_TIMEOUT_MS",
    "PATCHSMITH_SCAN_TICK_MINUTES",
    "PATCHSMITH_SCAN_SPREAD_MINUTES",
  ]);
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
