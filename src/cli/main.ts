#!/usr/bin/env node
import { createCliDeps } from "./create-cli-deps.js";
import { runCli } from "./run-cli.js";

const argv = process.argv.slice(2);
// `start`, `serve` and `worker` keep running after runCli returns; any other command is done then.
const longRunning = argv[0] === "start" || argv[0] === "serve" || argv[0] === "worker";

// The only catch: anything that reaches here is a bug, reported with its stack.
runCli(argv, { env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr }, createCliDeps(process.stderr))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`patchsmith: unexpected error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  })
  .finally(() => {
    // A finished command does not wait for work it gave up on (a model download's own retries after its time limit).
    if (!longRunning) setTimeout(() => process.exit(), 1_000).unref();
  });
