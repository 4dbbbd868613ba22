import ts from "typescript";
import { isPrivateMember } from "./declaration-surface.js";
import { parseSource } from "./parse-source.js";

/**
 * Names of the `private` class members (not `#name` ones, which nothing
 * outside their class can reach) whose declaration differs between two
 * versions of a module, or that one version lacks. Outside its class such a
 * member is reached only by its name: `obj["_jobs"]`, a subclass declaring the
 * same name, a type with a property of that name. Read as data.
 */
export function changedPrivateMembers(path: string, before: string, after: string): ReadonlySet<string> {
  const a = privateMembers(path, before);
  const b = privateMembers(path, after);
  const changed = new Set<string>();
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    if (a.get(key) === b.get(key)) continue;
    changed.add(key.slice(key.indexOf("\u0000") + 1));
  }
  return changed;
}

function isPrivate(node: ts.ParameterDeclaration): boolean {
  return ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword) ?? false;
}

/** "class\0member" → the member's declaration text, for every `private` member with a plain name. */
function privateMembers(path: string, text: string): Map<string, string> {
  const source = parseSource(path, text);
  const members = new Map<string, string>();
  let anonymous = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isClassLike(node)) {
      const className = node.name?.text ?? `(anonymous ${anonymous++})`;
      const add = (name: ts.PropertyName | ts.BindingName, declaration: ts.Node): void => {
        if (ts.isPrivateIdentifier(name)) return;
        const text = ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : name.getText(source);
        const key = `${className}\u0000${text}`;
        members.set(key, `${members.get(key) ?? ""}\n${declaration.getText(source)}`);
      };
      for (const member of node.members) {
        if (isPrivateMember(member) && member.name !== undefined) add(member.name, member);
        // `constructor(private readonly jobs: Job[])` declares a private member too.
        if (ts.isConstructorDeclaration(member)) for (const parameter of member.parameters) if (isPrivate(parameter)) add(parameter.name, parameter);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return members;
}
