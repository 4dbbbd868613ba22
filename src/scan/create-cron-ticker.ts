import { Cron } from "croner";
import type { JobLog } from "../log/job-log.js";
import type { Ticker } from "./ticker.js";

/**
 * A Ticker on croner: every `minutes` minutes (UTC), never two ticks at once
 * (a tick still running when the next is due is skipped; the next one's
 * window covers the gap). A failed tick is logged; the schedule goes on.
 */
export function createCronTicker(params: { readonly minutes: number; readonly log: JobLog }): Ticker {
  let job: Cron | undefined;
  return {
    start(tick) {
      job?.stop();
      const minutes = Math.min(60, Math.max(1, Math.round(params.minutes)));
      const pattern = minutes === 60 ? "0 * * * *" : `*/${minutes} * * * *`;
      job = new Cron(pattern, { timezone: "Etc/UTC", protect: true }, async () => {
        try {
          await tick();
        } catch (error) {
          params.log.error({ err: error }, "The scan scheduler's tick failed; the next one tries again");
        }
      });
    },
    stop() {
      job?.stop();
      job = undefined;
    },
  };
}
