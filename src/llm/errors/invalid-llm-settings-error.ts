/** Thrown when a PATCHSMITH_* model setting in the environment is not valid; the message names the variable. */
export class InvalidLlmSettingsError extends Error {
  override readonly name = "InvalidLlmSettingsError";
}
