/** Runs a command line through the system shell. */
export interface Shell {
  run(commandLine: string): Promise<{ code: number; output: string }>;
}
