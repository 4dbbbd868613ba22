import type { ApplicationFunction } from "probot";
import { createApp } from "./app.js";
import { readAppSettings } from "./config/app-settings.js";
import { createInProcessQueue } from "./jobs/create-in-process-queue.js";
import type { ReviewJob } from "./jobs/review-job.js";
import { sleep } from "./jobs/sleep.js";
import { createGenerator } from "./llm/create-generator.js";
import type { Generator } from "./llm/generator.js";
import { reviewChange } from "./review/review-change.js";

/**
 * The Probot entry (`probot run ./dist/index.js`): builds the real
 * dependencies from the environment and hands them to createApp. The model is
 * loaded once per process, starting at boot, and freed on shutdown.
 */
const patchsmith: ApplicationFunction = (app, options) => {
  const env = process.env;
  const settings = readAppSettings(env);
  const log = app.log;
  const queue = createInProcessQueue<ReviewJob>({ concurrency: settings.concurrency, log });

  const llmLog = {
    info: (message: string): void => {
      log.info(message);
    },
    warn: (message: string): void => {
      log.warn(message);
    },
  };
  let model: Promise<Generator | undefined> | undefined;
  const getGenerator = (): Promise<Generator | undefined> =>
    (model ??= createGenerator({ env, log: llmLog }).then(({ generator, notice }) => {
      if (notice !== undefined) log.warn(notice);
      return generator;
    }));
  void getGenerator();

  const shutdown = (signal: NodeJS.Signals): void => {
    log.info(`${signal}: stopping the running review and freeing the model`);
    void (async () => {
      await queue.close();
      await (await getGenerator())?.dispose();
      process.exit(0);
    })();
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);

  return createApp({ reviewChange, queue, settings, now: Date.now, sleep, getGenerator })(app, options);
};

export default patchsmith;
