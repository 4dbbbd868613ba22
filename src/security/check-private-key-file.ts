import { createPrivateKey } from "node:crypto";
import path from "node:path";
import { InvalidPrivateKeyError } from "./invalid-private-key-error.js";

/**
 * Refuse to start when PRIVATE_KEY_PATH names a file that is not the App's
 * PEM private key. Probot checks PRIVATE_KEY itself but reads the file
 * unchecked, so a wrong file would start fine and fail every job with
 * "Invalid keyData". PRIVATE_KEY wins over the path, as in Probot; a missing
 * file is left to Probot's own message.
 */
export function checkPrivateKeyFile(
  env: Readonly<Record<string, string | undefined>>,
  io: { readonly cwd: string; readonly readFile: (file: string) => string | undefined },
): void {
  const setting = env.PRIVATE_KEY_PATH?.trim();
  if ((env.PRIVATE_KEY ?? "") !== "" || setting === undefined || setting === "") return;
  const text = io.readFile(path.resolve(io.cwd, setting));
  if (text === undefined) return;
  const pem = /-----BEGIN (RSA )?PRIVATE KEY-----/.test(text);
  if (pem && parses(text)) return;
  throw new InvalidPrivateKeyError(
    `PRIVATE_KEY_PATH (${setting}) is not ${pem ? "a readable" : "a PEM"} private key${pem ? "" : ' (no "-----BEGIN RSA PRIVATE KEY-----" line)'}: point it at the .pem file from the GitHub App's settings ("Generate a private key"), or set PRIVATE_KEY instead. Nothing was started.`,
  );
}

function parses(text: string): boolean {
  try {
    createPrivateKey(text);
    return true;
  } catch {
    return false;
  }
}
