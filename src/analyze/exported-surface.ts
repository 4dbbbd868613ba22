import ts from "typescript";
import { parseSource } from "./parse-source.js";

/**
 * What other modules can see of a module, as one string of tokens: its text
 * without comments, whitespace, and the bodies that cannot change a type
 * (a function, method or getter body under a declared return type; every
 * constructor and setter body). Two versions of a file with the same surface
 * type-check their importers alike, so a change that keeps it (a fix inside a
 * typed function) cannot break a caller elsewhere. An unannotated body stays:
 * its inferred return type is part of the surface. Read as data.
 */
export function exportedSurface(path: string, text: string): string {
  const source = parseSource(path, text);
  const hidden: { start: number; end: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) {
      const body = node.body as ts.Node;
      const typed = node.type !== undefined || ts.isConstructorDeclaration(node) || ts.isSetAccessorDeclaration(node);
      if (typed && ts.isBlock(body)) {
        hidden.push({ start: body.getStart(source), end: body.getEnd() });
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, source.languageVariant, text);
  const tokens: string[] = [];
  let next = 0;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const start = scanner.getTokenStart();
    while (next < hidden.length && (hidden[next]?.end ?? 0) <= start) next++;
    const range = hidden[next];
    if (range !== undefined && start >= range.start && start < range.end) {
      if (start === range.start) tokens.push("{}");
      continue;
    }
    tokens.push(scanner.getTokenText());
  }
  return tokens.join(" ");
}
