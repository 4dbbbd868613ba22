/** The parts of an Octokit RequestError this app looks at, read without trusting the shape. */
export interface RequestErrorInfo {
  readonly status: number | undefined;
  readonly message: string;
  readonly headers: Readonly<Record<string, string | number | undefined>>;
}

export function requestErrorInfo(error: unknown): RequestErrorInfo {
  if (typeof error !== "object" || error === null) return { status: undefined, message: String(error), headers: {} };
  const record = error as { status?: unknown; message?: unknown; response?: { headers?: unknown } };
  const status = typeof record.status === "number" ? record.status : undefined;
  const message = typeof record.message === "string" ? record.message : "";
  const rawHeaders = record.response?.headers;
  const headers = typeof rawHeaders === "object" && rawHeaders !== null ? (rawHeaders as Record<string, string | number | undefined>) : {};
  return { status, message, headers };
}
