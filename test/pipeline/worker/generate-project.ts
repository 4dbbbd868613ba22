import { parseFilePatch } from "../../../src/diff/parse-file-patch.js";
import type { FileDiff } from "../../../src/types.js";

export interface GeneratedChange {
  readonly base: Readonly<Record<string, string>>;
  readonly head: Readonly<Record<string, string>>;
  readonly diff: readonly FileDiff[];
}

/**
 * A synthetic TypeScript project heavy enough to keep the analysis busy for a
 * while (a chain of `modules` modules that import each other, as in
 * bench/validate.ts), and a change that appends a function to every module:
 * each new function has a `let` ESLint fixes to `const`, so every file is
 * type-checked and linted at base and head, and every file gets a suggestion.
 */
export function generateProject(modules: number): GeneratedChange {
  const base: Record<string, string> = {
    "tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", noEmit: true }, include: ["src"] }),
  };
  const head: Record<string, string> = { ...base };
  const diff: FileDiff[] = [];
  for (let i = 0; i < modules; i++) {
    const lines = [
      ...(i === 0 ? [] : [`import { value${i - 1}, type Shape${i - 1} } from "./module${i - 1}.js";`]),
      `export interface Shape${i} { readonly id: number; readonly name: string; readonly tags: readonly string[] }`,
      `export function make${i}(id: number, name: string): Shape${i} {`,
      `  return { id, name, tags: [name.toUpperCase(), String(id)] };`,
      `}`,
      `export function value${i}(shapes: readonly Shape${i}[]): number {`,
      ...(i === 0 ? [`  return shapes.length;`] : [`  const previous: Shape${i - 1}[] = [];`, `  return shapes.reduce((n, s) => n + s.id, value${i - 1}(previous));`]),
      `}`,
      ...Array.from({ length: 8 }, (_, k) => `export const helper${i}_${k} = (x: number): number => x * ${k + 1} + ${i};`),
    ];
    const added = [
      `export function label${i}(shapes: readonly Shape${i}[]): string {`,
      `  let names = shapes.map((s) => s.name).join(", ");`,
      `  return names.length > 0 ? names : "none";`,
      `}`,
    ];
    const path = `src/module${i}.ts`;
    base[path] = `${lines.join("\n")}\n`;
    head[path] = `${[...lines, ...added].join("\n")}\n`;
    diff.push(appendedFileDiff(path, lines, added));
  }
  return { base, head, diff };
}

/** The diff of a file that gained `added` lines after `before` (one line of context). */
export function appendedFileDiff(path: string, before: readonly string[], added: readonly string[]): FileDiff {
  const last = before.length;
  const patch = [`@@ -${last},1 +${last},${added.length + 1} @@`, ` ${before[last - 1] ?? ""}`, ...added.map((line) => `+${line}`)].join("\n");
  return parseFilePatch({ path, status: "modified", patch });
}
