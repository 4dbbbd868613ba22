import type { Log, Syncer } from "./sync.js";

/** Starts a sync in the background and logs how many items it synced. */
export function startSync(syncer: Syncer, log: Log): void {
  syncer.syncAll().then((count) => {
    log.info(`synced ${count} items`);
  });
}
