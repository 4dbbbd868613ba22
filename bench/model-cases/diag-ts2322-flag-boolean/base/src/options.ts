export interface CliOptions {
  readonly verbose: "yes" | "no";
  readonly output: string;
}
