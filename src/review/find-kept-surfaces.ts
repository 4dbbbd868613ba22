import ts from "typescript";
import { declarationSurface } from "../analyze/declaration-surface.js";
import { revealHiddenMembers, type RevealedModule } from "../analyze/reveal-hidden-members.js";
import type { Workspace } from "../workspace/create-workspace.js";

/**
 * The changed modules whose importers cannot see the change, so checking
 * those importers again would find nothing new: the declaration file
 * TypeScript emits for the module, with private and `@internal` members shown
 * with their types, is the same at base and head (private members aside: see
 * declarationSurface), no private member whose emitted declaration changed
 * is named in any other file the program holds (`texts`: the loaded files,
 * importers included, and the dependency declarations),
 * and every other module the change touched that the declaration file
 * imports is kept too (else its change could flow through this one's
 * inferred types; a changed module not among `modules` is not kept). A module
 * either side cannot emit alike (not type-checked, an emit problem, renamed
 * or removed) is not kept. What the syntactic comparison (exportedSurface)
 * cannot tell, an unannotated body changed, TypeScript's own emit does.
 */
export function findKeptSurfaces(params: {
  /** The changed modules whose importers were found (same path at base and head when kept). */
  readonly modules: Iterable<string>;
  readonly head: Pick<Workspace, "getText" | "declarationTexts">;
  readonly base: Pick<Workspace, "getText" | "declarationTexts">;
  /** Every path the change touches, at either side. */
  readonly changed: ReadonlySet<string>;
  /** A module specifier written in `from` → the repository path it names, or undefined. */
  readonly resolve: (from: string, specifier: string) => string | undefined;
  /** Texts a private member's name could be used in, by path (the module itself is skipped). */
  readonly texts: () => Iterable<readonly [string, string]>;
}): ReadonlySet<string> {
  // Emitted with private and `@internal` members shown (see revealHiddenMembers), each side in one program.
  const revealed = new Map<string, { readonly base: RevealedModule; readonly head: RevealedModule }>();
  for (const path of params.modules) {
    const before = params.base.getText(path);
    const after = params.head.getText(path);
    if (before !== undefined && after !== undefined) revealed.set(path, { base: revealHiddenMembers(path, before), head: revealHiddenMembers(path, after) });
  }
  const baseDts = params.base.declarationTexts(new Map([...revealed].map(([path, r]) => [path, r.base.text])));
  const headDts = params.head.declarationTexts(new Map([...revealed].filter(([path]) => baseDts.get(path) !== undefined).map(([path, r]) => [path, r.head.text])));
  // Each module alone, then those whose declarations import a changed module that is not kept are not kept either.
  const same = new Map<string, ReadonlySet<string>>();
  for (const [path, r] of revealed) {
    const imports = sameSurface(path, { base: r.base, head: r.head, baseDts: baseDts.get(path), headDts: headDts.get(path) }, params);
    if (imports !== undefined) same.set(path, imports);
  }
  for (let dropped = true; dropped; ) {
    dropped = false;
    for (const [path, imports] of same) {
      if ([...imports].every((target) => same.has(target))) continue;
      same.delete(path);
      dropped = true;
    }
  }
  return new Set(same.keys());
}

/** The changed modules the declaration file imports, when the module's own surface is the same at base and head; else undefined. */
function sameSurface(
  path: string,
  emitted: { readonly base: RevealedModule; readonly head: RevealedModule; readonly baseDts: string | undefined; readonly headDts: string | undefined },
  params: Parameters<typeof findKeptSurfaces>[0],
): ReadonlySet<string> | undefined {
  const { baseDts, headDts } = emitted;
  if (baseDts === undefined || headDts === undefined) return undefined;
  const [baseSurface, headSurface] = [declarationSurface(baseDts, emitted.base.privates), declarationSurface(headDts, emitted.head.privates)];
  if (baseSurface.surface !== headSurface.surface) return undefined;
  const privates = new Set<string>();
  for (const key of new Set([...baseSurface.privates.keys(), ...headSurface.privates.keys()])) {
    if (baseSurface.privates.get(key) !== headSurface.privates.get(key)) privates.add(key.slice(key.indexOf("\u0000") + 1));
  }
  if (privates.size > 0 && mentionsAny(privates, path, params.texts())) return undefined;
  return changedImports(path, headDts, params);
}

/** The other changed modules a declaration file imports. */
function changedImports(path: string, dts: string, params: { readonly changed: ReadonlySet<string>; readonly resolve: (from: string, specifier: string) => string | undefined }): ReadonlySet<string> {
  const others = [...params.changed].filter((p) => p !== path);
  const result = new Set<string>();
  for (const ref of ts.preProcessFile(dts, true, true).importedFiles) {
    const target = params.resolve(path, ref.fileName);
    if (target !== undefined) {
      if (target !== path && params.changed.has(target)) result.add(target);
      continue;
    }
    // A specifier resolved some other way (a `paths` alias): assume it names each changed module whose name it ends with.
    const stem = lastSegment(ref.fileName);
    for (const other of others) if (moduleNames(other).includes(stem)) result.add(other);
  }
  return result;
}

function mentionsAny(names: ReadonlySet<string>, self: string, texts: Iterable<readonly [string, string]>): boolean {
  const escaped = [...names].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(`(?<![\\w$])(?:${escaped.join("|")})(?![\\w$])`);
  for (const [path, text] of texts) if (path !== self && pattern.test(text)) return true;
  return false;
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
