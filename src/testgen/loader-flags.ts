/** Flags that make Node.js load a module before the tests: how a repository teaches its runner TypeScript (tsx, ts-node). */
const WITH_VALUE = new Set(["--import", "--require", "-r", "--loader", "--experimental-loader"]);

/**
 * The module-loading flags the repository's own test script gives its runner
 * (`mocha --import=tsx 'test/**'`, `node --import tsx --test`,
 * `mocha -r ts-node/register`), read from the script as text: only those
 * flags, and only when the module a flag names is a package the repository
 * lists (`dependencies`); a path or an unlisted package is not passed on. The
 * script itself is never run and no other part of it is used. `runner` is the
 * binary whose arguments are read ("mocha", "node"). Empty when the script
 * has none.
 */
export function loaderFlags(script: string | undefined, runner: string, dependencies: ReadonlySet<string>): string[] {
  if (script === undefined) return [];
  const flags: string[] = [];
  // Each command of the script (`a && b`, `a; b`), as words; quotes are removed, not interpreted.
  for (const command of script.split(/&&|\|\||;|\|/)) {
    const words = command.trim().split(/\s+/).map((word) => word.replace(/^['"]|['"]$/g, ""));
    const at = words.findIndex((word) => word === runner || word.endsWith(`/${runner}`));
    if (at === -1) continue;
    for (let i = at + 1; i < words.length; i++) {
      const word = words[i] ?? "";
      const [flag = "", inline] = word.split(/=(.*)/s);
      if (!WITH_VALUE.has(flag)) continue;
      const value = inline ?? words[++i];
      if (value !== undefined && dependencies.has(packageOf(value))) flags.push(`${flag}=${value}`.replace(/^-r=/, "--require="));
    }
  }
  return flags;
}

/** `ts-node/register` → `ts-node`, `@swc-node/register` → `@swc-node/register`. */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}
