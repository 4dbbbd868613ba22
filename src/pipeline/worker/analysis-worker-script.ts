import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

/**
 * What `new Worker()` should load for the worker entry `entry`. The build's
 * entry is JavaScript (dist/pipeline/worker/review-worker.js) and loads as it is.
 * Under vitest or tsx the engine runs from its TypeScript sources: the worker
 * then starts from a two-line module that registers tsx's loader in the worker
 * (on Node 20, `--import tsx` in a worker's execArgv registers nothing there)
 * and imports the .ts entry. Only that case needs tsx, a devDependency.
 */
export function analysisWorkerScript(entry: URL): URL {
  if (!/\.[cm]?ts$/.test(entry.pathname)) return entry;
  const loader = tsxRegisterUrl();
  const code = `import { register } from ${JSON.stringify(loader)};\nregister();\nawait import(${JSON.stringify(entry.href)});\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

function tsxRegisterUrl(): string {
  const require = createRequire(import.meta.url);
  let manifest: string;
  try {
    manifest = require.resolve("tsx/package.json");
  } catch (error) {
    throw new Error("The analysis worker runs from TypeScript sources here, which needs tsx (a devDependency): run `npm install`, or build with `npm run build` and run dist/.", { cause: error });
  }
  const exports = (require(manifest) as { exports?: Record<string, unknown> }).exports?.["./esm/api"];
  const target = typeof exports === "object" && exports !== null ? (exports as { import?: { default?: unknown } }).import?.default : undefined;
  if (typeof target !== "string") throw new Error(`tsx at ${manifest} has no "./esm/api" export; the analysis worker needs tsx 4 to run from TypeScript sources.`);
  return new URL(target, pathToFileURL(manifest)).href;
}
