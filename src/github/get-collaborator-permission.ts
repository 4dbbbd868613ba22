import type { ProbotOctokit } from "probot";
import { requestErrorInfo } from "./request-error-info.js";

/** GitHub's base permission: `maintain` counts as write, `triage` as read; custom roles map to their base. */
export type RepoPermission = "admin" | "write" | "read" | "none";

/**
 * A user's permission on a repository, from the collaborator-permission API
 * (the webhook's `author_association` misses private organisation members).
 * Someone GitHub does not know as a collaborator (404) has none.
 */
export async function getCollaboratorPermission(params: {
  readonly octokit: Pick<ProbotOctokit, "rest">;
  readonly owner: string;
  readonly repo: string;
  readonly username: string;
}): Promise<RepoPermission> {
  try {
    const { data } = await params.octokit.rest.repos.getCollaboratorPermissionLevel({ owner: params.owner, repo: params.repo, username: params.username });
    const permission = data.permission;
    return permission === "admin" || permission === "write" || permission === "read" ? permission : "none";
  } catch (error) {
    if (requestErrorInfo(error).status === 404) return "none";
    throw error;
  }
}
