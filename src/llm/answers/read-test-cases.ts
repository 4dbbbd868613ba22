/**
 * The cases of a test file, read from the file itself: the name of each
 * `it(...)` / `test(...)` call with a literal name (at most 12). What a case
 * checks is in its code, so `why` stays empty: the model is not asked to
 * write it (on a CPU every answer token is time).
 */
export function readTestCases(code: string): { readonly name: string; readonly why: string }[] {
  const names = [...code.matchAll(/\b(?:it|test)(?:\.(?:only|skip|todo))?\s*\(\s*(["'`])((?:\\.|(?!\1)[^\\\n])*)\1/g)].map((match) => match[2] ?? "");
  return names.filter((name) => name.trim() !== "").slice(0, 12).map((name) => ({ name: name.slice(0, 200), why: "" }));
}
