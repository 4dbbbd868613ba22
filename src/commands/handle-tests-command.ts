import { answerTestsCommand } from "../testgen/answer-tests-command.js";
import type { CommandHandler } from "./command-context.js";

/**
 * `tests [path or symbol]`: the untested exports of the pull request (or of
 * the named path or symbol) and unit tests for them, validated; `tests commit`
 * pushes them to `patchsmith/tests-<n>` with a pull request into this one.
 */
export const handleTestsCommand: CommandHandler = (context) => answerTestsCommand(context);
