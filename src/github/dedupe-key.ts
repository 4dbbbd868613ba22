/**
 * The deduplication key of a job on one pull request head: `owner/repo#pr@sha:kind`.
 * The same key twice is the same work (a redelivery, a double click).
 */
export function dedupeKey(params: { readonly owner: string; readonly repo: string; readonly pullNumber: number; readonly headSha: string; readonly kind: string }): string {
  return `${params.owner}/${params.repo}#${String(params.pullNumber)}@${params.headSha}:${params.kind}`;
}
