/** Progress of a running review, for check-run text and CLI output. */
export interface ReviewProgress {
  readonly stage: "load" | "analyze" | "model" | "tests" | "validate" | "render";
  readonly done: number;
  readonly total: number;
}

export interface SkippedFile {
  readonly path: string;
  readonly reason: string;
}

