/** Thrown at start-up when an environment variable has a value that cannot be used; the message names it, what it got and what it accepts. */
export class InvalidSettingsError extends Error {
  override readonly name = "InvalidSettingsError";
}
