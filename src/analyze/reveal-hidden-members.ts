import ts from "typescript";
import { parseSource } from "./parse-source.js";

/** A module's text with what its declaration file would hide shown, and which members were private. */
export interface RevealedModule {
  /** The text with each `private` modifier blanked and each `@internal` in a comment defused, same length and lines. */
  readonly text: string;
  /** "Class\0member" for every `private` member (parameter properties too), so a declaration file can be read back. */
  readonly privates: ReadonlySet<string>;
}

/**
 * A declaration file shows a `private` member as its bare name (`private
 * _jobs;`) and leaves out what `stripInternal` strips, yet an importer
 * reaches both: `obj["_jobs"]`, a subclass declaring the same name, an
 * `@internal` method called. Emitted from this text instead, each of them
 * appears with its type (see declarationSurface). `#name` members stay: no
 * code outside their class reaches them. Read as data.
 */
export function revealHiddenMembers(path: string, text: string): RevealedModule {
  const source = parseSource(path, text);
  const blanks: number[] = [];
  const privates = new Set<string>();
  let anonymous = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isClassLike(node)) {
      const className = node.name?.text ?? `(anonymous ${anonymous++})`;
      const members = node.members.flatMap((member): (ts.ClassElement | ts.ParameterDeclaration)[] => (ts.isConstructorDeclaration(member) ? [member, ...member.parameters] : [member]));
      for (const member of members) {
        const keyword = ts.canHaveModifiers(member) ? ts.getModifiers(member)?.find((m) => m.kind === ts.SyntaxKind.PrivateKeyword) : undefined;
        if (keyword === undefined || ts.isConstructorDeclaration(member) || member.name === undefined || ts.isPrivateIdentifier(member.name)) continue;
        blanks.push(keyword.getStart(source));
        privates.add(`${className}\u0000${memberName(member.name, source)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let revealed = text;
  for (const start of blanks) revealed = `${revealed.slice(0, start)}${" ".repeat("private".length)}${revealed.slice(start + "private".length)}`;
  return { text: defuseInternal(revealed, source.languageVariant), privates };
}

/** The name a member is reached by (`"a-b"` and `a` as written without quotes). */
export function memberName(name: ts.PropertyName | ts.BindingName, source?: ts.SourceFile): string {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name) ? name.text : name.getText(source);
}

/** `@internal` in comments written `@INTERNAL`: `stripInternal` keeps what it marks. */
function defuseInternal(text: string, variant: ts.LanguageVariant): string {
  if (!text.includes("@internal")) return text;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, variant, text);
  let result = "";
  let at = 0;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind !== ts.SyntaxKind.SingleLineCommentTrivia && kind !== ts.SyntaxKind.MultiLineCommentTrivia) continue;
    const start = scanner.getTokenStart();
    const end = scanner.getTokenEnd();
    result += text.slice(at, start) + text.slice(start, end).replaceAll("@internal", "@INTERNAL");
    at = end;
  }
  return result + text.slice(at);
}
