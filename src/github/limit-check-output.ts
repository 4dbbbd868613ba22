/** The text of a check run: a title line and a markdown summary. */
export interface CheckOutput {
  readonly title: string;
  readonly summary: string;
}

/** GitHub's limits: a summary of at most 65,535 characters; titles are kept to one short line. */
const SUMMARY_LIMIT = 65_535;
const TITLE_LIMIT = 255;

export function limitCheckOutput(output: CheckOutput): CheckOutput {
  const title = output.title.replace(/\s+/g, " ").trim();
  const note = "\n\n… (cut to fit GitHub's limit; the review has the rest)";
  return {
    title: title.length > TITLE_LIMIT ? `${title.slice(0, TITLE_LIMIT - 1)}…` : title,
    summary: output.summary.length > SUMMARY_LIMIT ? output.summary.slice(0, SUMMARY_LIMIT - note.length) + note : output.summary,
  };
}
