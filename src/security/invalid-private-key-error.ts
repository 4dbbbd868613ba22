/** Thrown at start-up when PRIVATE_KEY_PATH names a file that is not a PEM private key (every job would fail to sign its token). */
export class InvalidPrivateKeyError extends Error {
  override readonly name = "InvalidPrivateKeyError";
}
