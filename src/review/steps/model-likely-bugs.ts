import type { FileDiff, Finding } from "../../types.js";
import { findLikelyBugs } from "../find-likely-bugs.js";
import type { ModelStepInput } from "./model-step-input.js";
import type { ReviewRun } from "./review-run.js";

/**
 * The likelihood check (findLikelyBugs) over the readable changed files: cheap
 * enough for a CPU (no answer is generated), so it runs wherever the model can
 * score lines and `model.likelyBugs` is on; a backend that cannot score says so once.
 */
export async function modelLikelyBugs(run: ReviewRun, params: ModelStepInput & { readonly files: readonly FileDiff[] }): Promise<readonly Finding[]> {
  const { head, hidden, generator } = params;
  if (!run.config.model.likelyBugs || params.files.length === 0) return [];
  if (!generator.canScore) {
    run.notices.push({ message: `The likelihood check did not run: ${generator.describe()} gives no token probabilities (a server's chat API); it needs the in-process model (PATCHSMITH_MODEL).` });
    return [];
  }
  params.work.step({ stage: "model", done: 0, total: params.files.length });
  const result = await run.time("likely-bugs", () =>
    findLikelyBugs({
      generator,
      diff: params.files,
      modelText: (path) => {
        const text = head.getText(path);
        return text === undefined ? undefined : hidden.text(text);
      },
      headText: (path) => head.getText(path),
      knownPaths: new Set(head.paths()),
      rewritesOf: (path, lines, limit) => head.suspectRewrites(path, lines, limit),
      config: run.config,
      ...(run.signal ? { signal: run.signal } : {}),
      onFile: (step) => {
        params.work.step({ stage: "model", ...step });
      },
    }),
  );
  run.notices.push(...result.notices);
  return result.findings;
}
