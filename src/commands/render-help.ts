import type { RepoConfig } from "../config/repo-config.js";
import { inlineCode } from "../review/inline-code.js";
import { sanitizeModelText } from "../review/sanitize-model-text.js";
import { COMMANDS, type CommandPlace } from "./command-specs.js";

const PLACES: Readonly<Record<CommandPlace, string>> = { conversation: "in the conversation", thread: "in a line thread", either: "anywhere" };

export interface HelpParams {
  /** The word typed when it named no command. */
  readonly unknown?: string;
  /** The app's slug, for the `@<slug>` form. */
  readonly appSlug?: string;
  /** The repository's config, or why it could not be used. */
  readonly config: { readonly ok: true; readonly value: RepoConfig } | { readonly ok: false; readonly message: string };
  /** The model's name; undefined when none is configured. */
  readonly model?: string;
  /** Whether automatic reviews of this pull request are paused; undefined when that could not be read. */
  readonly paused?: boolean;
}

/** The help text: every command with where it works and who may use it, then the app's settings for this repository. */
export function renderHelp(params: HelpParams): string {
  const sections: string[] = [];
  const opening = params.unknown === undefined ? "" : `patchsmith has no command ${inlineCode(params.unknown)}. `;
  const mention = params.appSlug === undefined ? "" : ` or \`@${params.appSlug} <command>\``;
  sections.push(`${opening}Write a command at the start of a line in a comment on this pull request: \`/patchsmith <command>\`${mention}.`);
  sections.push(
    Object.entries(COMMANDS)
      .map(([, spec]) => `- \`${spec.usage}\` (${PLACES[spec.where]}; ${spec.access === "write" ? "write access" : "anyone"}): ${spec.summary}`)
      .join("\n"),
  );
  sections.push(
    "Commands marked “write access” need write, maintain or admin permission on this repository. One command runs per pull request at a time and one more may wait; the app reacts with 👀 when it takes a command, then 🚀 when it is done or 😕 when it could not do it.",
  );
  const settings = [`- model: ${params.model === undefined ? "none configured (`fix`, `explain` and `ask` need one)" : inlineCode(params.model)}`];
  if (params.paused !== undefined) settings.push(`- automatic reviews of this pull request: ${params.paused ? "paused" : "on"}`);
  if (params.config.ok) {
    const c = params.config.value;
    const checks = Object.entries(c.checks)
      .filter(([, on]) => on)
      .map(([name]) => name);
    settings.push(
      `- drafts reviewed: ${c.drafts ? "yes" : "no"}; comments from severity ${inlineCode(c.severity)}, at most ${c.maxComments} inline per review; check run fails on: ${inlineCode(c.failOn)}`,
      `- checks: ${checks.length > 0 ? checks.join(", ") : "none"}; model attempts per edit: ${c.model.maxAttempts}`,
    );
  } else {
    settings.push(`- ${sanitizeModelText(params.config.message)}`);
  }
  sections.push(`**Settings for this repository** (\`.github/patchsmith.yml\` on the default branch, or the defaults):\n${settings.join("\n")}`);
  return sections.join("\n\n");
}
