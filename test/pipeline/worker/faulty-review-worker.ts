/**
 * The real analysis worker, plus faults on demand for the pool's tests: a
 * review whose diff holds `crash.ts` throws where nothing catches it,
 * `oom.ts` fills the heap until the worker's resourceLimits stop it, and
 * `hang.ts` never yields again. Any other review runs as in production.
 */
import { parentPort } from "node:worker_threads";
import "../../../src/pipeline/worker/review-worker.js";
import type { ToWorkerMessage } from "../../../src/pipeline/worker/review-worker-protocol.js";

parentPort?.on("message", (message: ToWorkerMessage) => {
  if (message.type !== "start") return;
  const paths = new Set(message.params.diff.map((file) => file.path));
  if (paths.has("crash.ts")) throw new Error("simulated crash in the analysis worker");
  if (paths.has("oom.ts")) {
    const hog: number[][] = [];
    for (;;) hog.push(Array.from({ length: 1_000_000 }, (_, index) => index + hog.length));
  }
  if (paths.has("hang.ts")) for (;;);
});
