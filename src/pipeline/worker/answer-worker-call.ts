import type { EnvironmentProvider } from "../../environment/acquire-environment.js";
import type { Generator } from "../../llm/generator.js";
import type { ModelUsage } from "../../llm/model-usage.js";
import type { TestRunner } from "../../testgen/test-runner.js";
import type { FileSource } from "../../types.js";
import type { GenerationReply, RemoteCall } from "./review-worker-protocol.js";

/** The main thread's side of the objects the worker only has stand-ins for. */
export interface CallTargets {
  readonly head: FileSource;
  readonly base: FileSource;
  readonly generator?: Generator;
  readonly testRunner?: TestRunner;
  readonly environment?: EnvironmentProvider;
}

/**
 * Do on the main thread what the analysis worker asked: read a file, call the
 * model, run tests. `signal` stands for the worker's per-call signal (and the
 * review's own): the worker cannot send an AbortSignal, so it sends a cancel.
 */
export function answerWorkerCall(call: RemoteCall, targets: CallTargets, signal: AbortSignal): Promise<unknown> {
  switch (call.target) {
    case "source": {
      const source = targets[call.revision];
      return call.method === "readText" ? source.readText(call.args[0]) : source.listPaths();
    }
    case "generator":
      return answerGeneratorCall(call, targets.generator, signal);
    case "environment":
      if (targets.environment === undefined) return Promise.reject(new Error("The analysis worker asked for dependency declarations, but this review has no environment provider; this is a bug in patchsmith: please report it."));
      return targets.environment(call.args[0], signal);
    case "testRunner": {
      const runner = targets.testRunner;
      if (runner === undefined) return Promise.reject(new Error("The analysis worker asked to run tests, but this review has no test runner; this is a bug in patchsmith: please report it."));
      const { source, tests, conventions } = call.args[0];
      return runner.run({ source: targets[source], tests, conventions, signal });
    }
  }
}

function answerGeneratorCall(call: Extract<RemoteCall, { readonly target: "generator" }>, generator: Generator | undefined, signal: AbortSignal): Promise<unknown> {
  if (generator === undefined) return Promise.reject(new Error(`The analysis worker asked the model to ${call.method}, but this review has no model; this is a bug in patchsmith: please report it.`));
  switch (call.method) {
    case "countTokens":
      return generator.countTokens(call.args[0]);
    case "measureReviewPrompt":
      return generator.measureReviewPrompt(call.args[0]);
    case "reviewHunks":
      return withUsage((onUsage) => generator.reviewHunks(call.args[0], { ...call.args[1], signal, onUsage }));
    case "fixRange":
      return withUsage((onUsage) => generator.fixRange(call.args[0], { ...call.args[1], signal, onUsage }));
    case "writeTests":
      return withUsage((onUsage) => generator.writeTests(call.args[0], { ...call.args[1], signal, onUsage }));
    case "answerQuestion":
      return withUsage((onUsage) => generator.answerQuestion(call.args[0], { ...call.args[1], signal, onUsage }));
    case "verifyClaim":
      return withUsage((onUsage) => generator.verifyClaim(call.args[0], { ...call.args[1], signal, onUsage }));
    case "scoreLines":
      return withUsage((onUsage) => generator.scoreLines(call.args[0], { ...call.args[1], signal, onUsage }));
  }
}

/** A generation's answer with what it cost: the worker's review tallies the usage (a callback cannot cross threads). */
async function withUsage(generate: (onUsage: (usage: ModelUsage) => void) => Promise<unknown>): Promise<GenerationReply> {
  const usages: ModelUsage[] = [];
  const answer = await generate((usage) => usages.push(usage));
  return { answer, usages };
}
