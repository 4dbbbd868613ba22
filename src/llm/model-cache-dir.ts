import os from "node:os";
import path from "node:path";

/** Where models are downloaded and resolved: PATCHSMITH_MODEL_DIR, else $XDG_CACHE_HOME/patchsmith/models, else ~/.cache/patchsmith/models. */
export function modelCacheDir(env: Readonly<Record<string, string | undefined>>, homeDir: string = os.homedir()): string {
  const explicit = env["PATCHSMITH_MODEL_DIR"];
  if (explicit !== undefined && explicit !== "") return path.resolve(explicit);
  const cache = env["XDG_CACHE_HOME"];
  return path.join(cache !== undefined && cache !== "" ? cache : path.join(homeDir, ".cache"), "patchsmith", "models");
}
