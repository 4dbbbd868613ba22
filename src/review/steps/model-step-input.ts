import type { Generator, PullRequestText } from "../../llm/generator.js";
import type { maskModelInput } from "../../security/mask-model-input.js";
import type { Workspace } from "../../workspace/create-workspace.js";
import type { ModelWork } from "../track-model-work.js";

/** What the model's steps share: the model, the head workspace its edits are validated in, the secrets mask for what it is shown, the PR's text. */
export interface ModelStepInput {
  readonly generator: Generator;
  /** Counts the model's calls and tokens, and reports its steps as progress (with tokens per second). */
  readonly work: ModelWork;
  readonly head: Workspace;
  /** Masks the change's secrets in everything the model is shown. */
  readonly hidden: ReturnType<typeof maskModelInput>;
  /** The pull request's title and description (untrusted; masked before the model sees them). */
  readonly pr?: PullRequestText;
}
