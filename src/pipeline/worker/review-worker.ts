import { parentPort } from "node:worker_threads";
import { serveReviews } from "./serve-reviews.js";

/**
 * The analysis worker's entry (started by createThreadedReviewChange, never
 * run on its own): the TypeScript language service and ESLint run here, off
 * the main thread's event loop; every file, model call and test run is asked
 * of the main thread.
 */
if (parentPort === null) {
  throw new Error("review-worker.js is the entry of patchsmith's analysis worker thread; it is started by createThreadedReviewChange, not run with node.");
}
serveReviews(parentPort);
