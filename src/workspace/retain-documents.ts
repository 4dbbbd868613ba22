import ts from "typescript";
import { createLru } from "./create-lru.js";

/** Source files kept parsed between reviews: a few repositories' programs (lib files, declarations, sources). */
export const RETAINED_DOCUMENTS = 6000;

/**
 * A document registry that keeps the `max` most recently released source
 * files parsed: a language service that is disposed releases its files, and
 * TypeScript's registry forgets a file no service holds, so without this the
 * next review parses every declaration and lib file again. Each retained file
 * keeps one reference of its own until it is pushed out of the bound. Script
 * versions are content hashes, so a retained file is only reused for the same text.
 */
export function retainDocuments(registry: ts.DocumentRegistry, max: number): ts.DocumentRegistry {
  type Release = readonly [ts.Path, ts.DocumentRegistryBucketKey, ts.ScriptKind, ts.ResolutionMode];
  const retained = createLru<string, Release>(max, (_id, [path, key, kind, format]) => {
    registry.releaseDocumentWithKey(path, key, kind, format);
  });
  const releaseWithKey = (path: ts.Path, key: ts.DocumentRegistryBucketKey, kind: ts.ScriptKind = ts.ScriptKind.Unknown, format?: ts.ResolutionMode): void => {
    const id = `${path}\u0000${key}\u0000${kind}\u0000${format ?? ""}`;
    // The first release of a file becomes the retained reference; later ones go through.
    if (retained.has(id)) {
      retained.get(id);
      registry.releaseDocumentWithKey(path, key, kind, format);
      return;
    }
    retained.set(id, [path, key, kind, format]);
  };
  return {
    ...registry,
    acquireDocument: registry.acquireDocument.bind(registry),
    acquireDocumentWithKey: registry.acquireDocumentWithKey.bind(registry),
    updateDocument: registry.updateDocument.bind(registry),
    updateDocumentWithKey: registry.updateDocumentWithKey.bind(registry),
    getKeyForCompilationSettings: registry.getKeyForCompilationSettings.bind(registry),
    reportStats: registry.reportStats.bind(registry),
    // The interface names these methods by their deprecated 3-argument overloads too; TypeScript calls the 4-argument ones.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    releaseDocumentWithKey: releaseWithKey,
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    releaseDocument: (fileName: string, settings: ts.CompilerOptions, kind: ts.ScriptKind = ts.ScriptKind.Unknown, format?: ts.ResolutionMode) => {
      registry.releaseDocument(fileName, settings, kind, format);
    },
  };
}
