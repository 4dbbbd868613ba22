/** The repository whose own pages sanitised text may link to; without both, no link survives. */
export interface SanitizeContext {
  readonly owner?: string;
  readonly repo?: string;
}
