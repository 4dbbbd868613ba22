/** The abort reason of a job whose per-key lock expired while it ran (its worker stalled): another worker may have its key now. */
export class LockLostError extends Error {
  override readonly name = "LockLostError";
}
