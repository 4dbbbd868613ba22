import path from "node:path/posix";
import { VIRTUAL_ROOT } from "./virtual-root.js";

const PREFIX = `${VIRTUAL_ROOT}/node_modules`;

/**
 * Virtual absolute path → key of an acquired dependency file ("node_modules/<name>/<file>"),
 * or undefined when the path is not under the virtual root's node_modules.
 * Dependencies live only there: one hoisted copy per package, as data.
 */
export function toDependencyKey(file: string): string | undefined {
  const normalised = path.normalize(file);
  if (normalised === PREFIX) return "node_modules";
  if (!normalised.startsWith(`${PREFIX}/`)) return undefined;
  return normalised.slice(VIRTUAL_ROOT.length + 1);
}
