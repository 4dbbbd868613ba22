/**
 * Whether patchsmith's markers in a body count: only when a bot (the app, or
 * the Action's `github-actions[bot]`) wrote it, so a person cannot forge them;
 * or `trustedLogin`, the user a token posts as (`patchsmith review URL --post`).
 */
export function isTrustedAuthor(user: { readonly login: string; readonly type: string } | null | undefined, trustedLogin?: string): boolean {
  return user?.type === "Bot" || (trustedLogin !== undefined && user?.login === trustedLogin);
}
