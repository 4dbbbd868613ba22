import { readFile } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "./cli-io.js";

/** The file given with `--config`, read from `cwd`; one it cannot read is a usage error naming it and why. */
export async function readConfigFile(params: { readonly cwd: string; readonly given: string }): Promise<{ path: string; text: string }> {
  try {
    return { path: params.given, text: await readFile(path.resolve(params.cwd, params.given), "utf8") };
  } catch (error) {
    throw new UsageError(`--config ${params.given}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, { cause: error });
  }
}
