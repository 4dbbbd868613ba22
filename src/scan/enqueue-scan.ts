import type { AddOutcome, Queue } from "../jobs/queue.js";
import { scanJobId, type ScanJob } from "./scan-job.js";

/**
 * Put a scan on the scan queue. Its key is its own id, so a newer scan never
 * stops a running one (the same id twice is a duplicate); the scan's lock
 * keeps two scans of one repository from running at once.
 */
export function enqueueScan(queue: Queue<ScanJob>, job: ScanJob): AddOutcome {
  const id = scanJobId(job);
  return queue.add({ id, key: id, data: job });
}
