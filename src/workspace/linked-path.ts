import type { WorkspaceLink } from "./link-workspace-packages.js";

/**
 * Where a dependency key ("node_modules/<name>/<rest>") of a linked workspace
 * package lives: its served package.json, or the repository path under the
 * package's folder (`rest` "" is the folder itself). Undefined for keys of
 * packages that are not linked.
 */
export function linkedPath(key: string, links: ReadonlyMap<string, WorkspaceLink>): { readonly manifest: string } | { readonly path: string } | undefined {
  if (links.size === 0 || !key.startsWith("node_modules/")) return undefined;
  const parts = key.slice("node_modules/".length).split("/");
  const nameLength = parts[0]?.startsWith("@") === true ? 2 : 1;
  if (parts.length < nameLength) return undefined;
  const link = links.get(parts.slice(0, nameLength).join("/"));
  if (!link) return undefined;
  const rest = parts.slice(nameLength).join("/");
  if (rest === "package.json") return { manifest: link.manifest };
  return { path: rest === "" ? link.folder : `${link.folder}/${rest}` };
}
