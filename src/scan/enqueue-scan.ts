import type { AddOutcome, AnyQueue } from "../jobs/queue.js";
import { scanJobId, type ScanJob } from "./scan-job.js";

/**
 * Put a scan on the scan queue. Its key is its own id, so a newer scan never
 * stops a running one (the same id twice is a duplicate); the scan's lock
 * keeps two scans of one repository from running at once.
 */
export async function enqueueScan(queue: AnyQueue<ScanJob>, job: ScanJob): Promise<AddOutcome> {
  const id = scanJobId(job);
  return queue.add({ id, key: id, data: job, kind: "scan" });
}
