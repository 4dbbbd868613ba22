import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

/**
 * The model case set (bench/model-cases/): one folder per case with
 *   case.json   what the case is and what a good review does with it
 *   base/       files at the base revision, laid over template/
 *   head/       files the change adds or rewrites, laid over base/ (whole files)
 * template/ holds what most cases share (package.json, tsconfig.json,
 * .github/patchsmith.yml); a case's base/ replaces any of them.
 */
export const CATEGORIES = ["diagnostic", "bug", "control", "tests"] as const;
export type CaseCategory = (typeof CATEGORIES)[number];

export const FRAMEWORKS = ["vitest", "jest", "node:test", "mocha"] as const;

const text = z.string().min(1);
const line = z.number().int().min(1);

const caseFileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    category: z.enum(CATEGORIES),
    title: text,
    /** Paths removed at head. */
    deleted: z.array(text).optional(),
    /** diagnostic: the checker's diagnostic the change introduces, which has no deterministic fix. */
    diagnostic: z.object({ path: text, line, code: text }).strict().optional(),
    /** diagnostic: what a fix must keep (present at head, whitespace ignored) and must not bring. */
    fix: z.object({ keeps: z.array(text).min(1), forbids: z.array(text) }).strict().optional(),
    /** bug: the planted bug's lines at head and the words a finding that names it uses. */
    bug: z.object({ path: text, startLine: line, endLine: line, kind: text, keywords: z.array(text).min(1) }).strict().optional(),
    /** tests: the framework the repository uses and the exports no test covers after the change. */
    tests: z
      .object({ framework: z.enum(FRAMEWORKS), exports: z.array(z.object({ path: text, name: text }).strict()).min(1) })
      .strict()
      .optional(),
  })
  .strict();

export type CaseFile = z.infer<typeof caseFileSchema>;

export interface ModelCase extends CaseFile {
  /** Every file of the repository at base (template included). */
  readonly base: ReadonlyMap<string, string>;
  /** Every file of the repository at head. */
  readonly head: ReadonlyMap<string, string>;
}

export const DEFAULT_CASES_DIR = path.resolve(import.meta.dirname, "..", "model-cases");
const TEMPLATE = "template";

async function readTree(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  if (!existsSync(root)) return files;
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(root, full).split(path.sep).join("/"), await readFile(full, "utf8"));
  }
  return files;
}

/** Every case under `dir`, sorted by id; throws naming the case whose case.json is invalid. */
export async function loadCases(dir = DEFAULT_CASES_DIR): Promise<ModelCase[]> {
  const template = await readTree(path.join(dir, TEMPLATE));
  const names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory() && e.name !== TEMPLATE).map((e) => e.name);
  const cases: ModelCase[] = [];
  for (const name of names.sort()) {
    const folder = path.join(dir, name);
    let parsed: CaseFile;
    try {
      parsed = caseFileSchema.parse(JSON.parse(await readFile(path.join(folder, "case.json"), "utf8")));
    } catch (error) {
      throw new Error(`bench/model-cases/${name}/case.json: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const base = new Map([...template, ...(await readTree(path.join(folder, "base")))]);
    const head = new Map([...base, ...(await readTree(path.join(folder, "head")))]);
    for (const gone of parsed.deleted ?? []) head.delete(gone);
    cases.push({ ...parsed, base, head });
  }
  return cases;
}
