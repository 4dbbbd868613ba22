import ts from "typescript";
import { packageNameOf, typesPackageOf } from "./package-name-of.js";

const SCRIPT = /\.(?:[cm]?[jt]sx?)$/;
const TSCONFIG = /(?:^|\/)tsconfig[^/]*\.json$/;

/**
 * The packages a snapshot's loaded files reach: bare imports and type
 * references of its scripts, the packages its tsconfig files extend, and the
 * packages their `types` name (with the @types package of each). Read with
 * TypeScript's pre-processor and JSON parser; nothing is evaluated.
 */
export function collectWantedPackages(files: ReadonlyMap<string, string>): string[] {
  const wanted = new Set<string>();
  const add = (specifier: string, withTypes = false): void => {
    const name = packageNameOf(specifier);
    if (name === undefined) return;
    wanted.add(name);
    if (withTypes && !name.startsWith("@types/")) wanted.add(typesPackageOf(name));
  };
  for (const [path, text] of files) {
    if (path.split("/").includes("node_modules")) continue;
    if (SCRIPT.test(path)) {
      const info = ts.preProcessFile(text, true, true);
      for (const ref of info.importedFiles) add(ref.fileName);
      for (const ref of info.typeReferenceDirectives) add(ref.fileName, true);
    } else if (TSCONFIG.test(path)) {
      const { config } = ts.parseConfigFileTextToJson(path, text) as { config?: unknown };
      if (typeof config !== "object" || config === null) continue;
      const { extends: extended, compilerOptions } = config as { extends?: unknown; compilerOptions?: { types?: unknown } };
      for (const target of Array.isArray(extended) ? extended : [extended]) if (typeof target === "string") add(target);
      const types = compilerOptions?.types;
      if (Array.isArray(types)) for (const name of types) if (typeof name === "string") add(name, true);
    }
  }
  return [...wanted].sort();
}
