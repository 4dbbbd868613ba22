#!/usr/bin/env node
import { createCliDeps } from "./create-cli-deps.js";
import { runCli } from "./run-cli.js";

// The only catch: anything that reaches here is a bug, reported with its stack.
runCli(process.argv.slice(2), { env: process.env, cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr }, createCliDeps(process.stderr))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`patchsmith: unexpected error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  });
