import ts from "typescript";

/**
 * A module's declaration file (the .d.ts TypeScript emits for it) as its
 * importers see it, with what that file says of private class members taken
 * out: a private member is emitted as its bare name (`private _jobs;`), so its
 * type is not there to compare, and the names are compared from the source
 * instead (see changedPrivateMembers). A class that has private members keeps
 * a marker, since having any makes it nominal. A private constructor stays
 * (it decides who may `new` the class). Read as data.
 */
export function declarationSurface(dts: string): string {
  const source = ts.createSourceFile("surface.d.ts", dts, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const cuts: { start: number; end: number; marker: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isClassLike(node)) {
      const hidden = node.members.filter(isPrivateMember);
      hidden.forEach((member, index) => {
        cuts.push({ start: member.getFullStart(), end: member.getEnd(), marker: index === 0 ? " /*has private members*/" : "" });
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let text = "";
  let at = 0;
  for (const cut of cuts.sort((a, b) => a.start - b.start)) {
    text += dts.slice(at, cut.start) + cut.marker;
    at = cut.end;
  }
  return text + dts.slice(at);
}

/** A class member importers cannot name with a dot (`private`, `#name`); a constructor is not one of them. */
export function isPrivateMember(member: ts.ClassElement): boolean {
  if (ts.isConstructorDeclaration(member)) return false;
  if (member.name !== undefined && ts.isPrivateIdentifier(member.name)) return true;
  return ts.canHaveModifiers(member) && (ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword) ?? false);
}
