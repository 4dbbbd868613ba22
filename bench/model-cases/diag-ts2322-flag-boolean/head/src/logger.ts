import type { CliOptions } from "./options.js";

export function makeLogger(options: CliOptions): (message: string) => string | undefined {
  const verbose: boolean = options.verbose;
  return (message) => (verbose ? `[${options.output}] ${message}` : undefined);
}
