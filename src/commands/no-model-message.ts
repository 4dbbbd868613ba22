/** The answer to a model command when the app runs without a model. */
export const NO_MODEL_MESSAGE =
  "No model is configured for this app, so it cannot answer this command. Whoever runs patchsmith can set `PATCHSMITH_MODEL` " +
  "(a `.gguf` file or an `hf:` URI) or `PATCHSMITH_LLM_URL` (an OpenAI-compatible server) in its environment and restart it; " +
  "`.env.example` lists both. Reviews still run ESLint and TypeScript without one.";

/** The answer to a model command when the repository's config switches the model off. */
export const MODEL_OFF_MESSAGE =
  "The model is switched off for this repository (`checks.model: false` in `.github/patchsmith.yml`), so this command cannot run. " +
  "Set `checks.model: true` (or remove the line) on the default branch to use it.";
