import { CATEGORIES, type CaseCategory, FRAMEWORKS, type ModelCase } from "./load-cases.js";
import { compact } from "./judge-review.js";

/** What the issue asks of the case set. */
export const MINIMUMS = { total: 40, diagnostic: 15, bug: 15, control: 10, tests: 4 } as const;

/** Lines of `head` (1-based) that a line diff against `base` marks as added. */
export function addedLines(base: string | undefined, head: string): Set<number> {
  const a = base === undefined ? [] : base.split("\n");
  const b = head.split("\n");
  // Longest common subsequence, table from the end; the files are small.
  const table: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = table[i] ?? [];
      row[j] = a[i] === b[j] ? (table[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(table[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const added = new Set<number>();
  let i = 0;
  let j = 0;
  while (j < b.length) {
    if (i < a.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (i < a.length && (table[i + 1]?.[j] ?? 0) >= (table[i]?.[j + 1] ?? 0)) {
      i++;
    } else {
      added.add(j + 1);
      j++;
    }
  }
  return added;
}

function lineCount(text: string): number {
  const lines = text.split("\n");
  return lines.at(-1) === "" ? lines.length - 1 : lines.length;
}

function occurrences(haystack: string, needle: string): number {
  const h = compact(haystack);
  const n = compact(needle);
  let count = 0;
  for (let at = h.indexOf(n); at !== -1; at = h.indexOf(n, at + 1)) count++;
  return count;
}

/** The framework package.json's devDependencies name (node:test when none of the others). */
export function frameworkOf(packageJson: string | undefined): string {
  let dev: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(packageJson ?? "{}");
    const field: unknown = typeof parsed === "object" && parsed !== null ? Reflect.get(parsed, "devDependencies") : undefined;
    if (typeof field === "object" && field !== null) dev = field as Record<string, unknown>;
  } catch {
    return "unreadable package.json";
  }
  for (const name of ["vitest", "jest", "mocha"]) if (name in dev) return name;
  return "node:test";
}

/** Every way the case set falls short of its own rules; empty when it is sound. */
export function checkCases(cases: readonly ModelCase[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const c of cases) {
    const say = (what: string): void => {
      problems.push(`${c.id}: ${what}`);
    };
    if (ids.has(c.id)) say("duplicate id");
    ids.add(c.id);
    const changed = [...c.head].filter(([file, content]) => c.base.get(file) !== content).map(([file]) => file);
    if (changed.length === 0 && c.head.size === c.base.size) say("the head does not differ from the base");
    if (!c.head.has("package.json") || !c.head.has("tsconfig.json")) say("the repository lacks package.json or tsconfig.json");
    if (![...c.head.keys()].some((file) => /^src\/.+\.ts$/.test(file))) say("no source file under src/");

    const fields = { diagnostic: c.diagnostic !== undefined || c.fix !== undefined, bug: c.bug !== undefined, tests: c.tests !== undefined };
    for (const [field, present] of Object.entries(fields)) {
      const wanted = c.category === field;
      if (present !== wanted) say(wanted ? `a ${field} case needs its ${field === "diagnostic" ? "diagnostic and fix" : field} field` : `field ${field} does not belong to a ${c.category} case`);
    }

    if (c.diagnostic) {
      const text = c.head.get(c.diagnostic.path);
      if (text === undefined) say(`diagnostic path ${c.diagnostic.path} is not in the head`);
      else {
        if (c.diagnostic.line > lineCount(text)) say(`diagnostic line ${c.diagnostic.line} is past the end of ${c.diagnostic.path} (${lineCount(text)} lines)`);
        if (!addedLines(c.base.get(c.diagnostic.path), text).has(c.diagnostic.line)) say(`diagnostic line ${c.diagnostic.line} is not a changed line`);
        for (const keep of c.fix?.keeps ?? []) if (occurrences(text, keep) === 0) say(`fix.keeps ${JSON.stringify(keep)} is not in ${c.diagnostic.path} at head`);
      }
    }
    if (c.bug) {
      const text = c.head.get(c.bug.path);
      if (text === undefined) say(`bug path ${c.bug.path} is not in the head`);
      else {
        if (c.bug.startLine > c.bug.endLine) say(`bug lines ${c.bug.startLine}-${c.bug.endLine} are reversed`);
        if (c.bug.endLine > lineCount(text)) say(`bug line ${c.bug.endLine} is past the end of ${c.bug.path} (${lineCount(text)} lines)`);
        const added = addedLines(c.base.get(c.bug.path), text);
        for (let n = c.bug.startLine; n <= c.bug.endLine; n++) if (!added.has(n)) say(`bug line ${n} is not a changed line`);
      }
    }
    if (c.tests) {
      const framework = frameworkOf(c.head.get("package.json"));
      if (framework !== c.tests.framework) say(`tests.framework is ${c.tests.framework} but package.json's devDependencies say ${framework}`);
      for (const e of c.tests.exports) {
        const text = c.head.get(e.path);
        if (text === undefined) say(`tests export path ${e.path} is not in the head`);
        else if (!new RegExp(`export (?:async )?(?:function|class|const) ${e.name}\\b`).test(text)) say(`${e.path} does not export ${e.name}`);
      }
    }
  }

  const count = (category: CaseCategory): number => cases.filter((c) => c.category === category).length;
  if (cases.length < MINIMUMS.total) problems.push(`${cases.length} cases in all, fewer than ${MINIMUMS.total}`);
  for (const category of CATEGORIES) if (count(category) < MINIMUMS[category]) problems.push(`${count(category)} ${category} cases, fewer than ${MINIMUMS[category]}`);
  for (const framework of FRAMEWORKS) {
    if (!cases.some((c) => c.tests?.framework === framework)) problems.push(`no tests case uses ${framework}`);
  }
  return problems;
}
