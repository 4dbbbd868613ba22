import type { RepoConfig } from "../config/repo-config.js";
import type { StandingFile } from "../review/markers.js";
import type { Severity } from "../types.js";
import { checkConclusion } from "./check-conclusion.js";
import type { CheckConclusion } from "./create-check-run.js";

/**
 * The gate's conclusion for a head: from every finding standing there (this
 * run's and those carried from earlier reviews of unchanged files), not only
 * from what this run happened to look at.
 */
export function standingConclusion(files: readonly StandingFile[], config: Pick<RepoConfig, "failOn" | "severity">): CheckConclusion {
  const severities: { severity: Severity }[] = [];
  for (const file of files) {
    if (file.error > 0) severities.push({ severity: "error" });
    if (file.warning > 0) severities.push({ severity: "warning" });
    if (file.info > 0) severities.push({ severity: "info" });
  }
  return checkConclusion(severities, config);
}
