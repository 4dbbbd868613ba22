export interface SearchOptions {
  readonly query: string;
  /** How many results at most; 0 asks for a count only. */
  readonly limit?: number;
}
