/**
 * Thrown by `parseFilePatch` when the patch text GitHub sent for a file is not
 * a well-formed series of hunks (for example, a header's line counts do not
 * match the lines that follow). The message names the file and the problem.
 */
export class MalformedPatchError extends Error {
  override readonly name = "MalformedPatchError";
  readonly path: string;
  readonly problem: string;

  constructor(path: string, problem: string, options?: ErrorOptions) {
    super(
      `The patch for ${path} is malformed: ${problem}. The file cannot get inline comments; if this repeats, report it with the pull request's diff.`,
      options,
    );
    this.path = path;
    this.problem = problem;
  }
}
