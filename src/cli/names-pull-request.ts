import { parseArgs } from "node:util";

/**
 * Whether `patchsmith review` was given a pull request (a positional argument:
 * a URL or OWNER/REPO#N) rather than local revisions (`--base`/`--head` only).
 * Every option of both modes is declared so an option's value is never taken
 * for a positional; the mode chosen then checks its own options strictly.
 */
export function namesPullRequest(args: readonly string[]): boolean {
  const { positionals } = parseArgs({
    args: [...args],
    options: {
      repo: { type: "string" },
      base: { type: "string" },
      head: { type: "string" },
      format: { type: "string" },
      "fail-on": { type: "string" },
      config: { type: "string" },
      token: { type: "string" },
      "api-url": { type: "string" },
      post: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: false,
    allowPositionals: true,
  });
  return positionals.length > 0;
}
