import { buildGenerator, type GeneratorDefaults } from "./build-generator.js";
import type { Generator } from "./generator.js";
import { createScriptedTransport, type RecordedCall, type ScriptedTransportOptions } from "./scripted-transport.js";
import type { Operation } from "./transport.js";

export type { RecordedCall, ScriptedAnswer } from "./scripted-transport.js";

export interface ScriptedGenerator extends Generator {
  /** Every prompt the generator was given, in order. */
  readonly calls: readonly RecordedCall[];
  /** Answers not used yet, per operation. */
  remaining(operation: Operation): number;
}

/**
 * The generator for tests: the real prompts and parsing of `buildGenerator`
 * on a transport that replays canned answers and records the prompts.
 */
export function createScriptedGenerator(options: ScriptedTransportOptions & GeneratorDefaults): ScriptedGenerator {
  const transport = createScriptedTransport(options);
  const generator = buildGenerator(transport, options);
  return { ...generator, calls: transport.calls, remaining: (operation) => transport.remaining(operation) };
}
