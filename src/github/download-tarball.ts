import type { ProbotOctokit } from "probot";

export interface TarballDownload {
  /** The gzipped tar, as it arrives. */
  readonly body: AsyncIterable<Uint8Array>;
  /** Content-Length, when GitHub sent one. */
  readonly length?: number;
}

/**
 * Start downloading a commit's tarball (`repos.downloadTarballArchive`; GitHub
 * redirects to codeload, which fetch follows). The body is returned as a
 * stream, unparsed, so the caller counts the bytes and stops at its limit
 * instead of holding the whole archive in memory.
 */
export async function downloadTarball(params: {
  readonly octokit: Pick<ProbotOctokit, "rest">;
  readonly owner: string;
  readonly repo: string;
  /** A commit SHA: the archive is of exactly that commit. */
  readonly ref: string;
  readonly signal?: AbortSignal;
}): Promise<TarballDownload> {
  const response = await params.octokit.rest.repos.downloadTarballArchive({
    owner: params.owner,
    repo: params.repo,
    ref: params.ref,
    request: { parseSuccessResponseBody: false, ...(params.signal === undefined ? {} : { signal: params.signal }) },
  });
  // With parseSuccessResponseBody off, data is fetch's body stream; header values arrive as strings whatever the types say.
  const body = response.data as AsyncIterable<Uint8Array> | null;
  const header: unknown = response.headers["content-length"];
  const length = typeof header === "string" || typeof header === "number" ? Number(header) : Number.NaN;
  return {
    body: body ?? emptyBody(),
    ...(Number.isSafeInteger(length) && length >= 0 ? { length } : {}),
  };
}

async function* emptyBody(): AsyncGenerator<Uint8Array> {
  // GitHub sent no body: the archive is empty, which the tar reader reports.
}
