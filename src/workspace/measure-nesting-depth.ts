import ts from "typescript";

/**
 * Deepest bracket nesting a loaded file may have. TypeScript's parser recurses
 * per level and overflows the stack near 1,000 (`[[[…`), in any file of a
 * program, failing every file checked with it; real code stays far below this.
 */
export const MAX_NESTING_DEPTH = 256;

/**
 * The deepest nesting of brackets — `(`, `[`, `{` and template `${` — in a
 * script or JSON text, counted by TypeScript's scanner in one loop (no
 * recursion, so any text can be measured). Regular expressions are scanned as
 * tokens, so a bracket inside one may count: the figure is an upper bound.
 */
export function measureNestingDepth(text: string): number {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  /** One entry per open bracket: whether it is a template's `${`, which a `}` continues as template text. */
  const open: boolean[] = [];
  let deepest = 0;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    switch (token) {
      case ts.SyntaxKind.OpenParenToken:
      case ts.SyntaxKind.OpenBracketToken:
      case ts.SyntaxKind.OpenBraceToken:
        open.push(false);
        break;
      case ts.SyntaxKind.TemplateHead:
        open.push(true);
        break;
      case ts.SyntaxKind.CloseParenToken:
      case ts.SyntaxKind.CloseBracketToken:
        open.pop();
        break;
      case ts.SyntaxKind.CloseBraceToken:
        if (open.pop() === true && scanner.reScanTemplateToken(false) === ts.SyntaxKind.TemplateMiddle) open.push(true);
        break;
      default:
        break;
    }
    if (open.length > deepest) deepest = open.length;
  }
  return deepest;
}
