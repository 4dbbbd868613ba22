/**
 * The repository path of a tar entry from GitHub's archive, whose entries all
 * sit under one top-level folder (`owner-repo-sha/`): that folder removed,
 * or "" for the folder itself, or undefined for a path that is not safe to
 * write (absolute, `..`, a drive letter, a backslash or a NUL).
 */
export function archivePath(entryPath: string): string | undefined {
  if (entryPath.includes("\0") || entryPath.includes("\\") || entryPath.startsWith("/") || /^[A-Za-z]:/.test(entryPath)) return undefined;
  const segments = entryPath.split("/").filter((segment) => segment !== "" && segment !== ".");
  if (segments.includes("..")) return undefined;
  return segments.slice(1).join("/");
}
