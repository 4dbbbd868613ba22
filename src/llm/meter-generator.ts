import type { GenerateOptions, Generator } from "./generator.js";
import type { ModelUsage } from "./model-usage.js";

/**
 * The same generator, telling `onUsage` about every generation made through
 * it (besides any `onUsage` a caller passes): one review's tally on a model
 * that the process shares between reviews.
 */
export function meterGenerator(generator: Generator, onUsage: (usage: ModelUsage) => void): Generator {
  const metered = (options: GenerateOptions | undefined): GenerateOptions => ({
    ...options,
    onUsage: (usage) => {
      onUsage(usage);
      options?.onUsage?.(usage);
    },
  });
  return {
    name: generator.name,
    promptTokenLimit: generator.promptTokenLimit,
    parallelism: generator.parallelism,
    ...(generator.ownFindingsOff === undefined ? {} : { ownFindingsOff: generator.ownFindingsOff }),
    describe: () => generator.describe(),
    countTokens: (text) => generator.countTokens(text),
    measureReviewPrompt: (request) => generator.measureReviewPrompt(request),
    reviewHunks: (request, options) => generator.reviewHunks(request, metered(options)),
    fixRange: (request, options) => generator.fixRange(request, metered(options)),
    writeTests: (request, options) => generator.writeTests(request, metered(options)),
    answerQuestion: (request, options) => generator.answerQuestion(request, metered(options)),
    verifyClaim: (request, options) => generator.verifyClaim(request, metered(options)),
    canScore: generator.canScore,
    scoreLines: (request, options) => generator.scoreLines(request, metered(options)),
    dispose: () => generator.dispose(),
  };
}
