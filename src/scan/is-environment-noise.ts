import type { Finding } from "../types.js";

/**
 * Globals that @types/node or the DOM library declare. patchsmith never
 * installs a repository's dependencies (and drops tsconfig `types`), so in a
 * whole-project scan every use of them reads "Cannot find name"; in a pull
 * request the base comparison hides most of that, in a scan nothing would.
 */
const AMBIENT_GLOBALS = new Set([
  "AbortController", "AbortSignal", "Blob", "Buffer", "BroadcastChannel", "CompressionStream", "CustomEvent", "DOMException",
  "DecompressionStream", "Event", "EventTarget", "File", "FormData", "Headers", "MessageChannel", "MessagePort", "NodeJS",
  "ReadableStream", "Request", "Response", "TextDecoder", "TextEncoder", "TransformStream", "URL", "URLSearchParams", "WebSocket",
  "Worker", "WritableStream", "__dirname", "__filename", "atob", "btoa", "clearImmediate", "clearInterval", "clearTimeout",
  "console", "crypto", "document", "exports", "fetch", "global", "localStorage", "location", "module", "navigator", "performance",
  "process", "queueMicrotask", "require", "sessionStorage", "setImmediate", "setInterval", "setTimeout", "structuredClone", "window",
]);

/** "Cannot find name", "… namespace", "Did you mean …", "… change your target library": the name is the first quoted word. */
const CANNOT_FIND = new Set(["TS2304", "TS2503", "TS2552", "TS2580", "TS2582", "TS2584", "TS2591", "TS2593", "TS2867", "TS2868"]);
/** Parameters and bindings implicitly `any`: in a file that imports packages, usually because their types are not installed. */
const IMPLICIT_ANY = new Set(["TS7006", "TS7031"]);

/**
 * Whether a scan finding only says that the project's dependencies or
 * Node/DOM type definitions are not installed: a Node or DOM global not
 * found, `import.meta.url`/`dirname` unknown, or an implicitly-`any`
 * parameter in a file that imports packages (whose types are missing).
 */
export function isEnvironmentNoise(finding: Pick<Finding, "rule" | "message">, fileImportsPackages: boolean): boolean {
  const code = finding.rule.startsWith("ts/") ? finding.rule.slice(3) : undefined;
  if (code === undefined) return false;
  if (CANNOT_FIND.has(code)) return AMBIENT_GLOBALS.has(/'([^']+)'/.exec(finding.message)?.[1] ?? "");
  if (code === "TS2339") return /on type 'ImportMeta'/.test(finding.message);
  if (IMPLICIT_ANY.has(code)) return fileImportsPackages;
  return false;
}
