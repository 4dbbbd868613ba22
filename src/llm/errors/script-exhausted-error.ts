/** Thrown by the scripted generator when a test asks for more answers than it scripted. */
export class ScriptExhaustedError extends Error {
  override readonly name = "ScriptExhaustedError";
}
