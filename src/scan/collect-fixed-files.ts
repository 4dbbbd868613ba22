import { applyEdit } from "../analyze/apply-edit.js";
import type { Finding, Fix } from "../types.js";

export interface FixedFile {
  readonly path: string;
  /** The file with its fixes applied. */
  readonly text: string;
  /** The fixes applied, top of the file first. */
  readonly fixes: readonly Fix[];
}

/**
 * The files the fix pull request changes: each file's validated deterministic
 * fixes (ESLint and TypeScript; the model's are left to the issue, to be read
 * first) applied bottom-up. An edit that overlaps one already applied is
 * left out: each fix was validated against the file as scanned, so two that
 * touch the same lines were never checked together.
 */
export async function collectFixedFiles(params: {
  readonly findings: readonly Finding[];
  /** The file as scanned, or undefined when it cannot be read. */
  readonly readText: (path: string) => Promise<string | undefined>;
}): Promise<FixedFile[]> {
  const byPath = new Map<string, Fix[]>();
  for (const finding of params.findings) {
    const fix = finding.suggestion;
    if (fix === undefined || fix.origin === "model" || fix.edit.path !== finding.path) continue;
    const list = byPath.get(fix.edit.path) ?? [];
    const same = list.some((f) => f.edit.startLine === fix.edit.startLine && f.edit.endLine === fix.edit.endLine && f.edit.replacement === fix.edit.replacement);
    if (!same) list.push(fix);
    byPath.set(fix.edit.path, list);
  }

  const files: FixedFile[] = [];
  for (const [path, fixes] of [...byPath].sort(([a], [b]) => a.localeCompare(b))) {
    const original = await params.readText(path);
    if (original === undefined) continue;
    let text = original;
    let lowest = Number.POSITIVE_INFINITY;
    const applied: Fix[] = [];
    for (const fix of [...fixes].sort((a, b) => b.edit.startLine - a.edit.startLine || b.edit.endLine - a.edit.endLine)) {
      if (fix.edit.endLine >= lowest) continue;
      try {
        text = applyEdit(text, fix.edit);
      } catch {
        continue;
      }
      lowest = fix.edit.startLine;
      applied.unshift(fix);
    }
    if (applied.length > 0 && text !== original) files.push({ path, text, fixes: applied });
  }
  return files;
}
