/**
 * The hidden state a scan keeps in its tracking issue: a fixed marker that
 * finds the issue again, and the last scan's commit, time and counts by kind
 * (for the trend). Report text is sanitised of `<!--`, and only the app's own
 * issues are read, so neither can be forged through the repository.
 */

export const SCAN_ISSUE_MARKER = "<!-- patchsmith:scan -->";

export interface ScanState {
  /** The commit the counts are for. */
  readonly sha: string;
  /** When that scan ran (ISO time). */
  readonly at: string;
  /** Findings by kind (see findingKind). */
  readonly counts: Readonly<Record<string, number>>;
}

const STATE = /<!-- patchsmith:scan-state (\{[^<>]*\}) -->/g;
const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const KIND = /^[a-z][a-z0-9-]{0,30}$/;

/** `<!-- patchsmith:scan-state {...} -->`; throws on a state that would not parse back (a bug). */
export function renderScanState(state: ScanState): string {
  if (!SHA.test(state.sha)) throw new Error(`Cannot record scan state for commit "${state.sha}": pass the full hex SHA.`);
  if (Number.isNaN(Date.parse(state.at))) throw new Error(`Cannot record scan state with time "${state.at}": pass an ISO time.`);
  for (const [kind, count] of Object.entries(state.counts)) {
    if (!KIND.test(kind) || !Number.isSafeInteger(count) || count < 0) throw new Error(`Cannot record scan count ${kind}=${count}: kinds are lower-case words, counts whole numbers.`);
  }
  return `<!-- patchsmith:scan-state ${JSON.stringify({ sha: state.sha, at: state.at, counts: state.counts })} -->`;
}

/** The last well-formed state in a body, or undefined. */
export function parseScanState(body: string): ScanState | undefined {
  for (const match of [...body.matchAll(STATE)].reverse()) {
    const state = toState(match[1] ?? "");
    if (state !== undefined) return state;
  }
  return undefined;
}

function toState(json: string): ScanState | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const { sha, at, counts } = value as Record<string, unknown>;
  if (typeof sha !== "string" || !SHA.test(sha) || typeof at !== "string" || Number.isNaN(Date.parse(at))) return undefined;
  if (typeof counts !== "object" || counts === null || Array.isArray(counts)) return undefined;
  const clean: Record<string, number> = {};
  for (const [kind, count] of Object.entries(counts)) {
    if (!KIND.test(kind) || typeof count !== "number" || !Number.isSafeInteger(count) || count < 0) return undefined;
    clean[kind] = count;
  }
  return { sha, at, counts: clean };
}
