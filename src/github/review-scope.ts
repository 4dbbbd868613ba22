/** Which files of the pull request a run reviews. */
export type ReviewScope =
  | { readonly kind: "full"; readonly reason: string }
  | { readonly kind: "incremental"; readonly since: string; readonly paths: ReadonlySet<string> }
  | { readonly kind: "up-to-date"; readonly since: string };
