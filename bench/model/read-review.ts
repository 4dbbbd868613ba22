/**
 * `patchsmith review --format json`, read defensively: the pipeline changes
 * under this bench, so every field is optional here and a missing or
 * renamed one reads as absent instead of failing the run.
 */
export interface ReadEdit {
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly replacement: string;
  readonly deletion: boolean;
}

export interface ReadFinding {
  readonly path: string;
  readonly startLine: number;
  readonly line: number;
  readonly severity: string;
  readonly rule: string;
  readonly message: string;
  readonly advice?: string;
  readonly suggestion?: { readonly edit: ReadEdit; readonly origin: string; readonly targetCode?: string };
}

export interface ReadTest {
  readonly path: string;
  readonly symbols: readonly string[];
  readonly attempts?: number;
  readonly runStatus?: string;
}

export interface ReadTests {
  readonly untested: readonly { readonly path: string; readonly name: string }[];
  readonly generation?: string;
  readonly tests: readonly ReadTest[];
  readonly rejected: readonly { readonly path: string; readonly symbols: readonly string[]; readonly stage?: string; readonly reasons: readonly string[] }[];
  readonly typeCheckedFirstTime?: number;
  readonly repaired?: number;
  readonly execution?: string;
  readonly executionReason?: string;
}

/** What the model cost, when the review reports it (field names guessed generously). */
export interface ReadUsage {
  readonly calls?: number;
  readonly promptTokens?: number;
  /** Prompt tokens evaluated (the rest were a prefix reused from an earlier call). */
  readonly promptTokensEvaluated?: number;
  readonly answerTokens?: number;
  readonly ms?: number;
  /** Per stage (fixes, findings, tests, repair), where the review reports them. */
  readonly stages?: Readonly<Record<string, ReadUsage>>;
}

export interface ReadReview {
  readonly findings: readonly ReadFinding[];
  readonly model?: string;
  readonly notices: readonly string[];
  readonly timings: Readonly<Record<string, number>>;
  readonly tests?: ReadTests;
  readonly usage?: ReadUsage;
}

type Obj = Readonly<Record<string, unknown>>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
const arr = (v: unknown): readonly unknown[] => (Array.isArray(v) ? (v as unknown[]) : []);
const field = (o: unknown, key: string): unknown => (isObj(o) ? o[key] : undefined);

function readEdit(v: unknown): ReadEdit | undefined {
  const path = str(field(v, "path"));
  const startLine = num(field(v, "startLine"));
  const endLine = num(field(v, "endLine")) ?? startLine;
  if (path === undefined || startLine === undefined || endLine === undefined) return undefined;
  return { path, startLine, endLine, replacement: str(field(v, "replacement")) ?? "", deletion: field(v, "deletion") === true };
}

function readFinding(v: unknown): ReadFinding | undefined {
  const path = str(field(v, "path"));
  const line = num(field(v, "line"));
  if (path === undefined || line === undefined) return undefined;
  const s = field(v, "suggestion");
  const edit = readEdit(field(s, "edit"));
  const targetCode = str(field(field(s, "target"), "code"));
  const advice = str(field(v, "advice"));
  return {
    path,
    line,
    startLine: num(field(v, "startLine")) ?? line,
    severity: str(field(v, "severity")) ?? "",
    rule: str(field(v, "rule")) ?? "",
    message: str(field(v, "message")) ?? "",
    ...(advice === undefined ? {} : { advice }),
    ...(edit === undefined ? {} : { suggestion: { edit, origin: str(field(s, "origin")) ?? "", ...(targetCode === undefined ? {} : { targetCode }) } }),
  };
}

function readTests(v: unknown): ReadTests | undefined {
  if (!isObj(v)) return undefined;
  const symbols = (t: unknown): string[] => arr(field(t, "symbols")).flatMap((s) => (typeof s === "string" ? [s] : []));
  const stats = field(v, "stats");
  const execution = field(v, "execution");
  const generation = str(field(v, "generation"));
  const kind = str(field(execution, "kind"));
  const reason = str(field(execution, "reason"));
  const first = num(field(stats, "typeCheckedFirstTime"));
  const repaired = num(field(stats, "repaired"));
  return {
    untested: arr(field(v, "untested")).flatMap((u) => {
      const path = str(field(u, "path"));
      const name = str(field(u, "name"));
      return path === undefined || name === undefined ? [] : [{ path, name }];
    }),
    ...(generation === undefined ? {} : { generation }),
    tests: arr(field(v, "tests")).flatMap((t) => {
      const path = str(field(t, "path"));
      if (path === undefined) return [];
      const attempts = num(field(t, "attempts"));
      const runStatus = str(field(field(t, "run"), "status"));
      return [{ path, symbols: symbols(t), ...(attempts === undefined ? {} : { attempts }), ...(runStatus === undefined ? {} : { runStatus }) }];
    }),
    rejected: arr(field(v, "rejected")).map((r) => {
      const stage = str(field(r, "stage"));
      return {
        path: str(field(r, "path")) ?? "",
        symbols: symbols(r),
        ...(stage === undefined ? {} : { stage }),
        reasons: arr(field(r, "reasons")).flatMap((s) => (typeof s === "string" ? [s] : [])),
      };
    }),
    ...(first === undefined ? {} : { typeCheckedFirstTime: first }),
    ...(repaired === undefined ? {} : { repaired }),
    ...(kind === undefined ? {} : { execution: kind }),
    ...(reason === undefined ? {} : { executionReason: reason }),
  };
}

const USAGE_KEYS = {
  calls: /^(?:model)?(?:calls|requests|generations|count)$/i,
  promptTokens: /^(?:prompt|input)(?:_?tokens)?$/i,
  answerTokens: /^(?:answer|completion|output|generated)(?:_?tokens)?$/i,
  ms: /^(?:ms|millis|milliseconds|durationms|elapsedms|timems)$/i,
} as const;

/** An object that looks like model usage: at least prompt or answer tokens. */
function usageIn(v: unknown): ReadUsage | undefined {
  if (!isObj(v)) return undefined;
  const found: { -readonly [K in Exclude<keyof ReadUsage, "stages">]?: number } = {};
  for (const [key, value] of Object.entries(v)) {
    const n = num(value);
    if (n === undefined) continue;
    for (const [name, pattern] of Object.entries(USAGE_KEYS) as [keyof typeof USAGE_KEYS, RegExp][]) if (pattern.test(key) && found[name] === undefined) found[name] = n;
  }
  return found.promptTokens !== undefined || found.answerTokens !== undefined ? found : undefined;
}

/** stats.model as the review reports it: totals, prompt tokens evaluated, and per stage. */
function readModelStats(v: unknown): ReadUsage | undefined {
  const totals = (o: unknown): ReadUsage | undefined => {
    const calls = num(field(o, "calls"));
    if (calls === undefined) return undefined;
    const read: { -readonly [K in Exclude<keyof ReadUsage, "stages">]?: number } = { calls };
    for (const key of ["promptTokens", "promptTokensEvaluated", "answerTokens", "ms"] as const) {
      const n = num(field(o, key));
      if (n !== undefined) read[key] = n;
    }
    return read;
  };
  const all = totals(v);
  // Without stages it is some other shape: the generous reader below takes it.
  if (all === undefined || !isObj(field(v, "stages"))) return undefined;
  const stages: Record<string, ReadUsage> = {};
  const rawStages = field(v, "stages");
  if (isObj(rawStages)) for (const [stage, value] of Object.entries(rawStages)) {
    const read = totals(value);
    if (read) stages[stage] = read;
  }
  return { ...all, stages };
}

/** Model usage anywhere in stats (stats.model, stats.modelUsage, stats.usage, ...) or at the top level. */
function readUsage(result: Obj): ReadUsage | undefined {
  const stats = field(result, "stats");
  const reported = readModelStats(field(stats, "model"));
  if (reported) return reported;
  const candidates: unknown[] = [];
  for (const holder of [stats, result]) {
    if (!isObj(holder)) continue;
    for (const [key, value] of Object.entries(holder)) if (/model|usage|llm|generation/i.test(key)) candidates.push(value);
  }
  for (const candidate of candidates) {
    const direct = usageIn(candidate);
    if (direct) return direct;
    if (isObj(candidate)) for (const inner of Object.values(candidate)) {
      const nested = usageIn(inner);
      if (nested) return nested;
    }
  }
  return undefined;
}

/** Parse the review's JSON text; throws when it is not a JSON object. */
export function readReview(jsonText: string): ReadReview {
  const parsed: unknown = JSON.parse(jsonText);
  if (!isObj(parsed)) throw new Error("the review's JSON is not an object");
  const timings: Record<string, number> = {};
  const rawTimings = field(field(parsed, "stats"), "timings");
  if (isObj(rawTimings)) for (const [k, v] of Object.entries(rawTimings)) if (num(v) !== undefined) timings[k] = v as number;
  const model = str(parsed.model);
  const tests = readTests(parsed.tests);
  const usage = readUsage(parsed);
  return {
    findings: arr(parsed.findings).flatMap((f) => {
      const read = readFinding(f);
      return read ? [read] : [];
    }),
    notices: arr(parsed.notices).flatMap((n) => {
      const message = str(field(n, "message"));
      return message === undefined ? [] : [message];
    }),
    timings,
    ...(model === undefined ? {} : { model }),
    ...(tests === undefined ? {} : { tests }),
    ...(usage === undefined ? {} : { usage }),
  };
}
