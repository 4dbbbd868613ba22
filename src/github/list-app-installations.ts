import type { ProbotOctokit } from "probot";

export interface AppInstallation {
  readonly id: number;
  /** The account's login, for logs. */
  readonly account: string;
}

/** Every installation of the app that is not suspended, read with the app's JWT (an Octokit from `app.auth()` without an installation). */
export async function listAppInstallations(params: { readonly octokit: Pick<ProbotOctokit, "rest" | "paginate"> }): Promise<AppInstallation[]> {
  const { octokit } = params;
  const installations = await octokit.paginate(octokit.rest.apps.listInstallations, { per_page: 100 });
  return installations
    .filter((installation) => installation.suspended_at == null)
    .map((installation) => ({
      id: installation.id,
      account: installation.account !== null && "login" in installation.account ? installation.account.login : String(installation.id),
    }));
}
