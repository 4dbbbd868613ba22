/** The abort reason of a job whose pull request got a newer head (or a newer job) while it ran. */
export class SupersededError extends Error {
  override readonly name = "SupersededError";
}
