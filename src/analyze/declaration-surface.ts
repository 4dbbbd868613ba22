import ts from "typescript";
import { memberName } from "./reveal-hidden-members.js";

/** A declaration file split into what any importer sees and the members that were private in the source. */
export interface DeclarationSurface {
  /** The file without those members; a class that has any keeps a marker (having one makes it nominal). */
  readonly surface: string;
  /** "Class\0member" → the member's emitted declaration, for each member `privates` names. */
  readonly privates: ReadonlyMap<string, string>;
}

/**
 * A declaration file (emitted from revealHiddenMembers' text, so private
 * members appear with their types) split in two: what every importer sees,
 * and the private members, which an importer reaches only by their name.
 * Two versions with the same surface and the same private members
 * type-check importers alike; one whose private members alone differ does
 * so for importers that never name them. Read as data.
 */
export function declarationSurface(dts: string, privates: ReadonlySet<string>): DeclarationSurface {
  const source = ts.createSourceFile("surface.d.ts", dts, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const cuts: { start: number; end: number; marker: string }[] = [];
  const members = new Map<string, string>();
  let anonymous = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isClassLike(node)) {
      const className = node.name?.text ?? `(anonymous ${anonymous++})`;
      const hidden = node.members.filter((member) => member.name !== undefined && (ts.isPrivateIdentifier(member.name) || privates.has(`${className}\u0000${memberName(member.name, source)}`)));
      hidden.forEach((member, index) => {
        cuts.push({ start: member.getFullStart(), end: member.getEnd(), marker: index === 0 ? " /*has private members*/" : "" });
        if (member.name !== undefined) {
          const key = `${className}\u0000${memberName(member.name, source)}`;
          members.set(key, `${members.get(key) ?? ""}\n${member.getText(source)}`);
        }
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let surface = "";
  let at = 0;
  for (const cut of cuts.sort((a, b) => a.start - b.start)) {
    surface += dts.slice(at, cut.start) + cut.marker;
    at = cut.end;
  }
  return { surface: surface + dts.slice(at), privates: members };
}
