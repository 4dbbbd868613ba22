/** One credential found on a line of a changed file. */
export interface SecretHit {
  /** First line (1-based, new side) the secret is on. */
  readonly line: number;
  /** Last line: the same as `line` except for a private key block written over several lines. */
  readonly endLine: number;
  /** 1-based column where the secret starts on `line`. */
  readonly column: number;
  /** Stable id, used in the rule name: "github-token", "aws-access-key-id", "private-key", ... */
  readonly kind: string;
  /** In words, with an article: "a GitHub token". Never contains the secret. */
  readonly description: string;
  /** The environment variable the code should read instead, e.g. "GITHUB_TOKEN". */
  readonly envName: string;
  /**
   * The secret text itself, so it can be masked everywhere else. Never put it
   * in a comment, a log line or a prompt.
   */
  readonly value: string;
}

/** A line of a file as the detector reads it. */
export interface NumberedLine {
  readonly line: number;
  readonly text: string;
}
