import { readCompilerOptions } from "../../src/workspace/read-compiler-options.js";
import { createWorkspace, type Workspace } from "../../src/workspace/create-workspace.js";
import { createSafeLinter } from "../../src/workspace/safe-linter.js";

/** A workspace over the given files (repository-relative path → text), as the engine builds it. */
export function makeWorkspace(files: Record<string, string>): Workspace {
  const map = new Map(Object.entries(files));
  const { options } = readCompilerOptions({
    configPath: "tsconfig.json",
    readFile: (path) => map.get(path),
    fileExists: (path) => map.has(path),
  });
  return createWorkspace({
    files: map,
    compilerOptions: options,
    knownPaths: new Set(map.keys()),
    linter: createSafeLinter(),
    checks: { eslint: true, typescript: true },
  });
}
