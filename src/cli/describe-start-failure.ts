/** Errors whose message already says which setting to fix: printed as they are. */
const REFUSALS = new Set(["InsecureWebhookSecretError", "InvalidPrivateKeyError", "InvalidSettingsError"]);

/**
 * One line on why `start`, `serve` or `worker` could not start: the port in use (named,
 * with the setting that moves it), a setting refused at start-up, or else the
 * error itself, flagged as one to report.
 */
export function describeStartFailure(error: unknown, params: { readonly role: string; readonly env: Readonly<Record<string, string | undefined>> }): string {
  if (error instanceof Error && Reflect.get(error, "code") === "EADDRINUSE") {
    const port: unknown = Reflect.get(error, "port");
    const number = typeof port === "number" ? String(port) : (params.env.PORT ?? "3000");
    return `patchsmith ${params.role}: port ${number} is already in use, so /healthz and /metrics${params.role === "worker" ? "" : " and the webhook path"} cannot be served: stop what listens there, or set PORT to a free port. Exiting.`;
  }
  if (error instanceof Error && REFUSALS.has(error.name)) return `patchsmith ${params.role}: ${error.message}`;
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `patchsmith ${params.role}: could not start (please report it): ${detail}`;
}
