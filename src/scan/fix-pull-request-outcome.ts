/** What became of the fix pull request in one scan (`scan.openPullRequest: true`). */
export type FixPullRequestOutcome =
  /** Opened, or updated with a new commit. */
  | { readonly kind: "saved"; readonly created: boolean; readonly number: number; readonly url: string; readonly files: number; readonly fixes: number; readonly tests: number }
  /** The open pull request already holds exactly these changes. */
  | { readonly kind: "unchanged"; readonly number: number; readonly url: string; readonly files: number; readonly fixes: number; readonly tests: number }
  /** Nothing left to fix: the open one was closed. */
  | { readonly kind: "closed"; readonly number: number; readonly url: string }
  /** Nothing to fix and nothing open. */
  | { readonly kind: "none" }
  /** It could not be saved; the message says why and what to do. */
  | { readonly kind: "failed"; readonly message: string };
