/** An error in words for the review body: its message only (a stack overflow is named for what it is). */
export function describeFailure(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) return "the code is nested too deeply to parse: stack overflow";
  return error instanceof Error ? error.message : String(error);
}
