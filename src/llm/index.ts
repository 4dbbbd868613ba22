// The model layer's public API: what the rest of patchsmith imports.
export type {
  AnswerOutput,
  AnswerQuestionRequest,
  FixOutput,
  FixRangeRequest,
  GenerateOptions,
  Generator,
  ModelFinding,
  PullRequestFile,
  PullRequestText,
  RejectedAttempt,
  ReviewHunksRequest,
  ReviewOutput,
  TestsOutput,
  WriteTestsRequest,
} from "./generator.js";
export { createGenerator, NO_MODEL_NOTICE, type CreateGeneratorParams } from "./create-generator.js";
export { buildGenerator, type GeneratorDefaults } from "./build-generator.js";
export { createScriptedGenerator, type ScriptedGenerator, type ScriptedAnswer, type RecordedCall } from "./scripted-generator.js";
export { createLlamaTransport, type LlamaTransportOptions } from "./llama/llama-transport.js";
export { createOpenAiTransport, type OpenAiTransportOptions } from "./http/openai-transport.js";
export type { CompletionRequest, LlmTransport, Operation, TransportInfo } from "./transport.js";
export { readLlmSettings, type LlmSettings } from "./read-llm-settings.js";
export { modelCacheDir } from "./model-cache-dir.js";
export { DEFAULT_MODEL_URI } from "./default-model.js";
export type { LlmLog } from "./llm-log.js";
export { GenerationTimeoutError } from "./errors/generation-timeout-error.js";
export { InvalidModelOutputError } from "./errors/invalid-model-output-error.js";
export { LlmHttpError } from "./errors/llm-http-error.js";
export { ModelLoadError } from "./errors/model-load-error.js";
export { PromptTooLargeError } from "./errors/prompt-too-large-error.js";
