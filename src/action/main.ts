#!/usr/bin/env node
import { appendFile, readFile } from "node:fs/promises";
import { createCliDeps } from "../cli/create-cli-deps.js";
import { runAction } from "./run-action.js";
import { workflowCommand } from "./workflow-command.js";

// The Action's entry (action.yml runs `node dist/action/main.js`). The only catch:
// anything that reaches here is a bug, reported with its stack.
runAction(
  {
    env: process.env,
    stdout: process.stdout,
    readFile: (file) => readFile(file, "utf8"),
    appendFile: (file, text) => appendFile(file, text, "utf8"),
  },
  { createModel: createCliDeps().createModel },
)
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stdout.write(workflowCommand("error", `patchsmith: unexpected error (please report it): ${error instanceof Error ? error.message : String(error)}`));
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 70;
  });
