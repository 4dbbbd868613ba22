import { mkdir, open, readFile, rename, type FileHandle } from "node:fs/promises";
import path from "node:path";

/** A job the journal holds: recorded, not yet done. */
export interface JournalEntry<T> {
  readonly id: string;
  readonly data: T;
  /** How many times a process started it (a job that kills the process each time is given up after a few). */
  readonly starts: number;
}

/**
 * A local, append-only record of accepted jobs (single-process mode's restart
 * record). `record` resolves once the line is written and synced to disk, so a
 * webhook answered after it survives a SIGKILL or a power cut; `started`,
 * `update` and `done` are appended in the background (losing one only means
 * a job runs again after a crash). Lines that cannot be parsed (a write cut
 * short by a crash) are skipped when the journal is read.
 */
export interface JobJournal<T> {
  /** Write the job durably; a job already recorded and not done is not written again. */
  record(id: string, data: T): Promise<void>;
  /** Whether the job is recorded and not done. */
  has(id: string): boolean;
  /** Note that a process started the job. */
  started(id: string): void;
  /** Replace the job's data (e.g. the check run it opened), so a restart reuses it. */
  update(id: string, data: T): void;
  /** The job needs no restart: it finished, failed, was superseded or refused. */
  done(id: string): void;
  /** Wait for everything appended so far, then close the file. */
  close(): Promise<void>;
}

/** What the journal does with its open file (a FileHandle; tests pass one that fails or hangs). */
export type JournalHandle = Pick<FileHandle, "write" | "datasync" | "close">;

type Line<T> = { readonly op: "add"; readonly id: string; readonly data: T } | { readonly op: "start" | "done"; readonly id: string } | { readonly op: "update"; readonly id: string; readonly data: T };

/**
 * Open (creating it and its folder) the journal at `file` and return the jobs
 * it holds that were not done, oldest first. The file is first rewritten to
 * hold just those jobs (written to a temporary file, synced, then renamed over
 * it), and rewritten again whenever it has grown past `compactAfterLines`.
 */
export async function openJobJournal<T>(params: {
  readonly file: string;
  readonly compactAfterLines?: number;
  /** Opens the journal for appending (default: fs.promises.open(file, "a")). */
  readonly openAppend?: (file: string) => Promise<JournalHandle>;
}): Promise<{ readonly journal: JobJournal<T>; readonly pending: readonly JournalEntry<T>[] }> {
  const { file } = params;
  const openAppend = params.openAppend ?? ((name: string) => open(name, "a"));
  const compactAfter = params.compactAfterLines ?? 10_000;
  await mkdir(path.dirname(file), { recursive: true });
  const entries = new Map<string, { data: T; starts: number }>();
  for (const line of (await readFile(file, "utf8").catch(ignoreMissing)).split("\n")) apply(entries, parse<T>(line));
  const pending = [...entries].map(([id, entry]) => ({ id, data: entry.data, starts: entry.starts }));

  let handle = await rewrite(file, entries, openAppend);
  let lines = entries.size;
  // Lines waiting for the next write, and the writes in flight (one at a time: a group commit).
  let queued: string[] = [];
  let writing: Promise<void> = Promise.resolve();
  let failed: Error | undefined;
  // The `add` writes not yet on disk, by job id.
  const recording = new Map<string, Promise<void>>();

  const flush = (): Promise<void> => {
    writing = writing.then(async () => {
      if (queued.length === 0) return;
      const batch = queued.join("");
      const count = queued.length;
      queued = [];
      try {
        await handle.write(batch);
        await handle.datasync();
        lines += count;
        if (lines > compactAfter && lines > entries.size * 4) {
          await handle.close();
          handle = await rewrite(file, entries, openAppend);
          lines = entries.size;
        }
        failed = undefined;
      } catch (error) {
        failed = new Error(`Could not write the job journal ${file}`, { cause: error });
        throw failed;
      }
    });
    return writing;
  };
  const append = (line: Line<T>): Promise<void> => {
    apply(entries, line);
    queued.push(`${JSON.stringify(line)}\n`);
    return flush();
  };
  const background = (line: Line<T>): void => {
    append(line).catch(() => undefined);
    // The next flush starts from a settled chain even if this one failed.
    writing = writing.catch(() => undefined);
  };

  const journal: JobJournal<T> = {
    async record(id, data) {
      // A repeat while the first write is in flight waits for it (and fails with it): it is stored only once that is on disk.
      const inFlight = recording.get(id);
      if (inFlight !== undefined) return inFlight;
      if (entries.has(id)) return;
      const written = append({ op: "add", id, data }).catch((error: unknown) => {
        // Not on disk: a redelivery must write it again, not find it recorded.
        entries.delete(id);
        throw error;
      });
      writing = writing.catch(() => undefined);
      recording.set(id, written);
      try {
        await written;
      } finally {
        recording.delete(id);
      }
    },
    has: (id) => entries.has(id),
    started(id) {
      if (entries.has(id)) background({ op: "start", id });
    },
    update(id, data) {
      if (entries.has(id)) background({ op: "update", id, data });
    },
    done(id) {
      if (entries.has(id)) background({ op: "done", id });
    },
    async close() {
      await flush().catch(() => undefined);
      await handle.close();
      if (failed !== undefined) throw failed;
    },
  };
  return { journal, pending };
}

function apply<T>(entries: Map<string, { data: T; starts: number }>, line: Line<T> | undefined): void {
  if (line === undefined) return;
  const entry = entries.get(line.id);
  if (line.op === "add") entries.set(line.id, { data: line.data, starts: entry?.starts ?? 0 });
  else if (line.op === "done") entries.delete(line.id);
  else if (entry !== undefined && line.op === "start") entry.starts++;
  else if (entry !== undefined && line.op === "update") entry.data = line.data;
}

function parse<T>(text: string): Line<T> | undefined {
  if (text.trim() === "") return undefined;
  try {
    const value = JSON.parse(text) as Partial<{ op: string; id: unknown; data: T }>;
    if (typeof value.id !== "string") return undefined;
    if ((value.op === "add" || value.op === "update") && value.data !== undefined) return { op: value.op, id: value.id, data: value.data };
    if (value.op === "start" || value.op === "done") return { op: value.op, id: value.id };
    return undefined;
  } catch {
    return undefined;
  }
}

/** Write the jobs still pending to a fresh file, sync it, put it in place, and open it for appending. */
async function rewrite(file: string, entries: ReadonlyMap<string, { readonly data: unknown; readonly starts: number }>, openAppend: (file: string) => Promise<JournalHandle>): Promise<JournalHandle> {
  const temporary = `${file}.${String(process.pid)}.tmp`;
  const out = await open(temporary, "w");
  try {
    const text = [...entries].map(([id, entry]) => [{ op: "add", id, data: entry.data }, ...Array.from({ length: entry.starts }, () => ({ op: "start", id }))].map((line) => `${JSON.stringify(line)}\n`).join("")).join("");
    await out.write(text);
    await out.datasync();
  } finally {
    await out.close();
  }
  await rename(temporary, file);
  return openAppend(file);
}

function ignoreMissing(error: unknown): string {
  if (typeof error === "object" && error !== null && (error as { code?: unknown }).code === "ENOENT") return "";
  throw error;
}
