import type { ProbotOctokit } from "probot";

/** The app's own slug (what `@<slug>` mentions), read with the app's JWT (an Octokit from `app.auth()` without an installation). */
export async function getAppSlug(params: { readonly octokit: Pick<ProbotOctokit, "rest"> }): Promise<string | undefined> {
  const { data } = await params.octokit.rest.apps.getAuthenticated();
  return data?.slug ?? undefined;
}
