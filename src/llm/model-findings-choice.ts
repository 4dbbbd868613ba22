/** PATCHSMITH_MODEL_FINDINGS: whether the model reviews hunks for bugs of its own (see ownFindingsOff). */
export type ModelFindingsChoice = "auto" | "on" | "off";

export const MODEL_FINDINGS_CHOICES: readonly ModelFindingsChoice[] = ["auto", "on", "off"];

/**
 * Why the model's own review of the hunks is off, or undefined when it is on:
 * `auto` turns it off where the model runs on the CPU alone (tens of seconds a
 * file, and the small models a CPU can run found no planted bug on the case set).
 */
export function ownFindingsOff(choice: ModelFindingsChoice, accelerated: boolean): string | undefined {
  if (choice === "on" || (choice === "auto" && accelerated)) return undefined;
  return choice === "off"
    ? "The model did not review the changed lines for bugs of its own (PATCHSMITH_MODEL_FINDINGS=off); it fixed what the checkers found and wrote tests."
    : "The model did not review the changed lines for bugs of its own: it runs on the CPU, where that costs tens of seconds a file for little found (PATCHSMITH_MODEL_FINDINGS=auto); it fixed what the checkers found and wrote tests. Set PATCHSMITH_MODEL_FINDINGS=on to ask it anyway.";
}
