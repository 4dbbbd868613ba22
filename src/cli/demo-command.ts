import { execFile } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { type CliIo, EXIT } from "./cli-io.js";
import { runReviewCommand, type ModelFactory } from "./review-command.js";

const run = promisify(execFile);

export const DEMO_USAGE = `Usage: patchsmith demo [--text]

Reviews the sample project shipped with patchsmith (demo/base against demo/head,
in a throwaway git repository) and prints the review the GitHub App would post.
No GitHub account is needed; with PATCHSMITH_MODEL or PATCHSMITH_LLM_URL set, the model runs too.
  --text   print the review as text instead of markdown
`;

/** The sample project shipped with patchsmith: demo/base and demo/head. */
export const DEMO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../demo");

/**
 * `patchsmith demo`: build a throwaway git repository from the sample
 * project (main = demo/base, a feature branch = demo/head) and review it,
 * so a newcomer sees a real review without a GitHub account.
 */
export async function runDemoCommand(args: readonly string[], io: CliIo, createModel: ModelFactory): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { text: { type: "boolean" }, help: { type: "boolean", short: "h" } }, strict: true });
  if (values.help === true) {
    io.stdout.write(DEMO_USAGE);
    return EXIT.ok;
  }
  const dir = await createDemoRepository(DEMO_DIR);
  try {
    io.stderr.write(`patchsmith demo: reviewing the sample project (a git repository made in ${dir}, branch feature against main)\n\n`);
    const format = values.text === true ? "text" : "markdown";
    return await runReviewCommand(["--repo", dir, "--base", "main", "--head", "feature", "--format", format], io, createModel);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Make a git repository with `base/` committed on main and `head/` on branch feature. */
export async function createDemoRepository(sampleDir: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "patchsmith-demo-"));
  const git = async (...args: string[]): Promise<void> => {
    await run("git", ["-c", "user.name=patchsmith demo", "-c", "user.email=demo@patchsmith.invalid", "-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null", ...args], { cwd: dir });
  };
  await git("init", "-q", "-b", "main");
  await cp(path.join(sampleDir, "base"), dir, { recursive: true });
  await git("add", "-A");
  await git("commit", "-q", "-m", "Sample project");
  await git("checkout", "-q", "-b", "feature");
  await run("git", ["rm", "-rq", "--", "."], { cwd: dir });
  await cp(path.join(sampleDir, "head"), dir, { recursive: true });
  await git("add", "-A");
  await git("commit", "-q", "-m", "Add discounts and a cart summary");
  return dir;
}
