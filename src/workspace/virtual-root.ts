import path from "node:path/posix";

/** Virtual directory every in-memory file lives under; never a real directory. */
export const VIRTUAL_ROOT = "/__patchsmith__/repo";

/** Repository-relative path → virtual absolute path. */
export function toVirtual(relativePath: string): string {
  return `${VIRTUAL_ROOT}/${relativePath}`;
}

/** Virtual absolute path → repository-relative path, or undefined when it is outside the repository. */
export function fromVirtual(file: string): string | undefined {
  const normalised = path.normalize(file);
  if (!normalised.startsWith(`${VIRTUAL_ROOT}/`)) return undefined;
  const relative = normalised.slice(VIRTUAL_ROOT.length + 1);
  if (relative.split("/").includes("node_modules")) return undefined;
  return relative;
}
