import { builtinModules } from "node:module";

const BUILTINS = new Set(builtinModules);
const NAME = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i;

/**
 * The npm package a bare module specifier names ("@scope/pkg/sub" → "@scope/pkg"),
 * "@types/node" for Node's built-in modules, or undefined for relative,
 * absolute, URL-like or malformed specifiers.
 */
export function packageNameOf(specifier: string): string | undefined {
  if (specifier.startsWith("node:")) return "@types/node";
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.includes(":") || specifier.includes("\\")) return undefined;
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? "");
  if (BUILTINS.has(name)) return "@types/node";
  return NAME.test(name) && !name.split("/").some((part) => part === "." || part === "..") ? name : undefined;
}

/** The @types package that would hold a package's declarations ("@scope/pkg" → "@types/scope__pkg"). */
export function typesPackageOf(name: string): string {
  return `@types/${name.startsWith("@") ? name.slice(1).replace("/", "__") : name}`;
}
