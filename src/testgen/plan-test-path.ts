import path from "node:path/posix";
import { isTestPath } from "../analyze/is-test-path.js";
import type { TestConventions } from "./test-conventions.js";
import { stemOf } from "./test-file-name.js";

const TS_TO_JS: Readonly<Record<string, string>> = { ".ts": ".js", ".tsx": ".jsx", ".mts": ".mjs", ".cts": ".cjs" };

/**
 * Where the tests of a module go: an existing test file of that module (one
 * that imports it and has its name), else the path the repository's
 * conventions give (layout, suffix, TypeScript or not).
 */
export function planTestPath(params: {
  readonly sourcePath: string;
  readonly conventions: TestConventions;
  readonly knownPaths: ReadonlySet<string>;
  /** Test files that import the module. */
  readonly importers: readonly string[];
}): string {
  const { sourcePath, conventions } = params;
  const stem = stemOf(sourcePath);
  const sourceExtension = path.extname(sourcePath);
  const jsExtension = TS_TO_JS[sourceExtension];
  const extension = jsExtension === undefined || conventions.typescriptTests ? sourceExtension : jsExtension;
  const sourceDir = path.dirname(sourcePath) === "." ? "" : path.dirname(sourcePath);
  let dir: string;
  switch (conventions.layout.kind) {
    case "beside":
      dir = sourceDir;
      break;
    case "__tests__":
      dir = path.join(sourceDir, "__tests__");
      break;
    case "test-dir": {
      const { root, strip } = conventions.layout;
      const rest = strip !== "" && `${sourceDir}/`.startsWith(strip) ? sourceDir.slice(strip.length) : sourceDir;
      dir = path.join(root, rest);
      break;
    }
  }
  if (dir === ".") dir = "";
  // A test named exactly like its module must not sit beside it.
  const suffix = conventions.suffix === "" && dir === sourceDir ? ".test" : conventions.suffix;
  const planned = `${dir === "" ? "" : `${dir}/`}${stem}${suffix}${extension}`;

  const sameName = params.importers.filter((test) => stemOf(test) === stem);
  const existing = sameName.find((test) => path.dirname(test) === path.dirname(planned)) ?? sameName[0];
  if (existing !== undefined) return existing;
  if (params.knownPaths.has(planned)) return planned;
  const sibling = [...params.knownPaths].find((known) => path.dirname(known) === path.dirname(planned) && stemOf(known) === stem && isTestPath(known));
  return sibling ?? planned;
}
