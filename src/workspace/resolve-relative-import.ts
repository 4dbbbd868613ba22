import path from "node:path/posix";

const EXTENSIONS = [".ts", ".tsx", ".d.ts", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".json"];
const JS_TO_TS: Readonly<Record<string, readonly string[]>> = {
  ".js": [".ts", ".tsx", ".d.ts"],
  ".jsx": [".tsx"],
  ".mjs": [".mts", ".d.mts"],
  ".cjs": [".cts", ".d.cts"],
};

/**
 * The repository path a relative import specifier points at, using the
 * candidates TypeScript would try (extension swaps, index files), checked
 * against the known paths of the snapshot. Bare specifiers return undefined.
 */
export function resolveRelativeImport(fromPath: string, specifier: string, known: ReadonlySet<string>): string | undefined {
  if (!specifier.startsWith("./") && !specifier.startsWith("../") && specifier !== "." && specifier !== "..") return undefined;
  const target = path.normalize(path.join(path.dirname(fromPath), specifier));
  if (target.startsWith("../")) return undefined;
  for (const candidate of candidates(target)) {
    if (known.has(candidate)) return candidate;
  }
  return undefined;
}

function candidates(target: string): string[] {
  const list: string[] = [];
  const ext = path.extname(target);
  const swaps = JS_TO_TS[ext];
  if (swaps) {
    const stem = target.slice(0, -ext.length);
    for (const swap of swaps) list.push(stem + swap);
  }
  list.push(target);
  for (const extension of EXTENSIONS) list.push(target + extension);
  for (const extension of EXTENSIONS) list.push(`${target}/index${extension}`);
  return list;
}
