import type { JobLog } from "../log/job-log.js";

/**
 * The app's slug (what `@<slug> <command>` mentions): the configured one
 * (APP_SLUG), else read from GitHub once, on first need. A failed read is
 * logged and tried again next time; until then only `/patchsmith` commands work.
 */
export function createAppSlugReader(params: {
  readonly slug?: string | undefined;
  readonly fetchSlug: () => Promise<string | undefined>;
  readonly log: JobLog;
}): () => Promise<string | undefined> {
  const fixed = params.slug?.trim();
  if (fixed !== undefined && fixed !== "") return () => Promise.resolve(fixed);
  let slug: Promise<string | undefined> | undefined;
  return () =>
    (slug ??= params.fetchSlug().catch((error: unknown) => {
      slug = undefined;
      params.log.warn({ err: error }, "Could not read the app's slug from GitHub; `@<app> <command>` mentions are not recognised until it can be (set APP_SLUG to skip this)");
      return undefined;
    }));
}
