import ts from "typescript";
import { changedPrivateMembers } from "../analyze/changed-private-members.js";
import { declarationSurface } from "../analyze/declaration-surface.js";
import type { Workspace } from "../workspace/create-workspace.js";

/**
 * The changed modules whose importers cannot see the change, so checking
 * those importers again would find nothing new: the declaration file
 * TypeScript emits for the module is the same at base and head (private
 * members aside: see declarationSurface), no private member whose
 * declaration changed is named in any other file the program holds (`texts`:
 * the loaded files, importers included, and the dependency declarations),
 * and the declaration file imports no other module the change touched
 * (whose own change could flow through this one's inferred types). A module
 * either side cannot emit alike (not type-checked, an emit problem, renamed
 * or removed) is not kept. What the syntactic comparison (exportedSurface)
 * cannot tell, an unannotated body changed, TypeScript's own emit does.
 */
export function findKeptSurfaces(params: {
  /** The changed modules whose importers were found (same path at base and head when kept). */
  readonly modules: Iterable<string>;
  readonly head: Pick<Workspace, "getText" | "declarationText">;
  readonly base: Pick<Workspace, "getText" | "declarationText">;
  /** Every path the change touches, at either side. */
  readonly changed: ReadonlySet<string>;
  /** A module specifier written in `from` → the repository path it names, or undefined. */
  readonly resolve: (from: string, specifier: string) => string | undefined;
  /** Texts a private member's name could be used in, by path (the module itself is skipped). */
  readonly texts: () => Iterable<readonly [string, string]>;
}): ReadonlySet<string> {
  const kept = new Set<string>();
  for (const path of params.modules) {
    const before = params.base.getText(path);
    const after = params.head.getText(path);
    if (before === undefined || after === undefined) continue;
    const baseDts = params.base.declarationText(path);
    const headDts = baseDts === undefined ? undefined : params.head.declarationText(path);
    if (baseDts === undefined || headDts === undefined || declarationSurface(baseDts) !== declarationSurface(headDts)) continue;
    if (importsChanged(path, headDts, params)) continue;
    const privates = changedPrivateMembers(path, before, after);
    if (privates.size > 0 && mentionsAny(privates, path, params.texts())) continue;
    kept.add(path);
  }
  return kept;
}

function importsChanged(path: string, dts: string, params: { readonly changed: ReadonlySet<string>; readonly resolve: (from: string, specifier: string) => string | undefined }): boolean {
  const others = [...params.changed].filter((p) => p !== path);
  return ts.preProcessFile(dts, true, true).importedFiles.some((ref) => {
    const target = params.resolve(path, ref.fileName);
    if (target !== undefined) return target !== path && params.changed.has(target);
    // A specifier resolved some other way (a `paths` alias): assume it names a changed module whose name it ends with.
    const stem = lastSegment(ref.fileName);
    return others.some((other) => moduleNames(other).includes(stem));
  });
}

/** The names a module is imported by: its file name without extension, and its folder's for an index file. */
function moduleNames(path: string): string[] {
  const parts = path.split("/");
  const file = (parts.at(-1) ?? "").replace(/(?:\.d)?\.[cm]?[jt]sx?$/, "");
  return file === "index" && parts.length > 1 ? [file, parts.at(-2) ?? ""] : [file];
}

function lastSegment(specifier: string): string {
  return (specifier.split("/").at(-1) ?? "").replace(/(?:\.d)?\.[cm]?[jt]sx?$/, "");
}

function mentionsAny(names: ReadonlySet<string>, self: string, texts: Iterable<readonly [string, string]>): boolean {
  const escaped = [...names].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(`(?<![\\w$])(?:${escaped.join("|")})(?![\\w$])`);
  for (const [path, text] of texts) if (path !== self && pattern.test(text)) return true;
  return false;
}
