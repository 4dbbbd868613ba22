import path from "node:path";

/**
 * The single process's job journal of one kind of job (`<kind>-journal.jsonl`): `dataDir` (PATCHSMITH_DATA_DIR) when set,
 * else $XDG_STATE_HOME/patchsmith, else ~/.local/state/patchsmith. It must
 * outlive the process (a volume in a container); one process per folder.
 */
export function journalFile(params: { readonly dataDir: string | undefined; readonly env: Readonly<Record<string, string | undefined>>; readonly homeDir: string; readonly kind: "review" | "command" | "scan" }): string {
  const state = params.env.XDG_STATE_HOME?.trim();
  const dir = params.dataDir ?? path.join(state !== undefined && state !== "" ? state : path.join(params.homeDir, ".local", "state"), "patchsmith");
  return path.join(dir, `${params.kind}-journal.jsonl`);
}
