import path from "node:path/posix";
import type { TestConventions } from "./test-conventions.js";

const TS_TO_JS: Readonly<Record<string, string>> = { ".ts": ".js", ".tsx": ".js", ".mts": ".mjs", ".cts": ".cjs" };

/**
 * How a test at `fromPath` imports the module at `targetPath`, the way the
 * repository's tests do: through its tsconfig alias, or a relative path ending
 * in `.js`, `.ts` or nothing. Node.js ESM needs the real extension of a
 * JavaScript module, so those keep it.
 */
export function importSpecifier(params: {
  readonly fromPath: string;
  readonly targetPath: string;
  readonly conventions: Pick<TestConventions, "alias" | "importExtension" | "moduleKind">;
}): string {
  const { targetPath, conventions } = params;
  const extension = path.extname(targetPath);
  const stem = targetPath.slice(0, targetPath.length - extension.length);
  const isTypeScript = extension in TS_TO_JS;
  let written: string;
  if (isTypeScript) {
    if (conventions.importExtension === "js") written = stem + (TS_TO_JS[extension] ?? ".js");
    else if (conventions.importExtension === "ts") written = targetPath;
    else written = stem;
  } else {
    written = conventions.importExtension === "none" && conventions.moduleKind === "cjs" ? stem : targetPath;
  }
  const alias = conventions.alias;
  if (alias !== undefined && targetPath.startsWith(alias.target)) {
    const rest = written.slice(alias.target.length);
    return `${alias.prefix}${rest}`;
  }
  let relative = path.relative(path.dirname(params.fromPath), written);
  if (!relative.startsWith(".")) relative = `./${relative}`;
  return relative;
}
