import type { ProbotOctokit } from "probot";

/** A repository an installation can reach, with what the scan scheduler decides on. */
export interface InstalledRepository {
  readonly installationId: number;
  readonly owner: string;
  readonly repo: string;
  readonly archived: boolean;
  readonly disabled: boolean;
}

/** Every repository the installation's token can reach (100 a page). */
export async function listInstallationRepositories(params: {
  readonly octokit: Pick<ProbotOctokit, "rest" | "paginate">;
  readonly installationId: number;
}): Promise<InstalledRepository[]> {
  const { octokit } = params;
  const repositories = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
  return repositories.map((repository) => ({
    installationId: params.installationId,
    owner: repository.owner.login,
    repo: repository.name,
    archived: repository.archived,
    disabled: repository.disabled,
  }));
}
