import { type CliIo, EXIT, UsageError } from "./cli-io.js";
import { runDemoCommand } from "./demo-command.js";
import { runScanCommand } from "./scan-command.js";
import { runReviewCommand, type ModelFactory } from "./review-command.js";
import { namesPullRequest } from "./names-pull-request.js";
import { runReviewPullRequestCommand } from "./review-pull-request-command.js";
import { runServeCommand } from "./serve-command.js";
import { runStartCommand } from "./start-command.js";
import { runWorkerCommand } from "./worker-command.js";

export const USAGE = `Usage: patchsmith <command> [options]

Commands:
  review [--repo DIR] [--base REF] [--head REF] [--format text|json|markdown] [--fail-on LEVEL]
                 review a local git change and print what the GitHub App would post
  review <PULL REQUEST URL | OWNER/REPO#N> [--post] [--token TOKEN] [--api-url URL]
                 review a pull request on GitHub without the App; --post posts the review
  scan [DIR] [--format markdown|json] [--fail-on LEVEL]
                 scan a whole local folder and print the report the scheduled scan posts
  demo           review the bundled sample project (no GitHub account, no model needed)
  model pull [URI]  download a GGUF model into the cache (resumes an interrupted download)
  model info     the GPU backend detected, its memory, and whether the configured model fits
  start          run the GitHub App in one process: webhooks and jobs (\`npm start\`, the Docker image)
  serve          answer GitHub's webhooks and queue jobs in Redis (REDIS_URL); run no job
  worker         run queued jobs from Redis (one per GPU)

Run \`patchsmith <command> --help\` for a command's options, \`patchsmith --version\` for the version.
`;

export const MODEL_USAGE = `Usage: patchsmith model pull [URI]   download a GGUF model into the cache
       patchsmith model info [MODEL] the GPU backend, its memory, and whether the model fits

Run \`patchsmith model pull --help\` or \`patchsmith model info --help\` for details.
`;

export interface CliDeps {
  readonly createModel: ModelFactory;
  readonly modelPull: (args: readonly string[], io: CliIo) => Promise<number>;
  readonly modelInfo: (args: readonly string[], io: CliIo) => Promise<number>;
  /** patchsmith's version, printed by --version. */
  readonly version: string;
}

/** Parse the command line, run one command, return its exit code. Errors a user can fix are one line on stderr. */
export async function runCli(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "review":
        return await (namesPullRequest(rest) ? runReviewPullRequestCommand(rest, io, { createModel: deps.createModel }) : runReviewCommand(rest, io, deps.createModel));
      case "scan":
        return await runScanCommand(rest, io, deps.createModel);
      case "demo":
        return await runDemoCommand(rest, io, deps.createModel);
      case "start":
        return await runStartCommand(rest, io);
      case "serve":
        return await runServeCommand(rest, io);
      case "worker":
        return await runWorkerCommand(rest, io);
      case "model": {
        const [sub, ...args] = rest;
        if (sub === "pull") return await deps.modelPull(args, io);
        if (sub === "info") return await deps.modelInfo(args, io);
        if (sub === "--help" || sub === "-h" || sub === "help") {
          io.stdout.write(MODEL_USAGE);
          return EXIT.ok;
        }
        throw new UsageError(`patchsmith model ${sub ?? ""}: expected \`model pull [URI]\` or \`model info\`.`);
      }
      case "--version":
      case "-V":
        io.stdout.write(`patchsmith ${deps.version}\n`);
        return EXIT.ok;
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.stdout.write(USAGE);
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        throw new UsageError(`Unknown command "${command}". Run \`patchsmith --help\` for the list.`);
    }
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.stderr.write(`patchsmith: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

function isParseArgsError(error: unknown): boolean {
  if (!(error instanceof TypeError)) return false;
  const code: unknown = Reflect.get(error, "code");
  return typeof code === "string" && code.startsWith("ERR_PARSE_ARGS");
}
