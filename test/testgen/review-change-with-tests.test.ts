import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultRepoConfig } from "../../src/config/repo-config.js";
import { createScriptedGenerator } from "../../src/llm/scripted-generator.js";
import type { CompletionRequest } from "../../src/llm/transport.js";
import { reviewChange } from "../../src/pipeline/review-change.js";
import { loadFixtureChange } from "./load-fixture-change.js";
import { mathAnswer, promptFor, STACK_SPEC, stackAnswer } from "./vitest-fixture-answers.js";

let fixture: Awaited<ReturnType<typeof loadFixtureChange>>;
beforeAll(async () => {
  fixture = await loadFixtureChange("vitest-repo");
});
afterAll(() => {
  fixture.repo.remove();
});

const params = () => ({ base: fixture.base, head: fixture.head, diff: fixture.diff, config: defaultRepoConfig, repo: { owner: "octo", name: "calc" } });

describe("reviewChange with the unit-test step", () => {
  it("lists the untested exports in the summary, not as findings or inline comments, and says no model wrote tests", async () => {
    const result = await reviewChange(params());
    expect(result.findings.filter((f) => f.rule.startsWith("tests/"))).toEqual([]);
    // The one inline comment is the review's own ESLint finding (the PR imports `mul` without using it).
    expect(result.comments.map((c) => c.body.match(/Rule: `([^`]+)`/)?.[1])).toEqual(["eslint/@typescript-eslint/no-unused-vars"]);
    expect(result.tests?.untested.map((u) => `${u.path}:${u.line} ${u.name}`)).toEqual(["src/math.ts:13 mul", "src/math.ts:17 square", "src/stack.ts:2 Stack"]);
    expect(result.body).toContain("#### Unit tests");
    expect(result.body).toContain("- `src/stack.ts:2` **note** class `Stack` (push, pop, peek): no test file imports src/stack.ts");
    expect(result.body).toContain("No tests were generated: no model is configured");
  });

  it("posts the cases for a test file the PR changes as a suggestion, and a new test file in a collapsed block", async () => {
    const answer = (request: CompletionRequest): unknown => (promptFor(request) === "math" ? mathAnswer : stackAnswer(STACK_SPEC));
    const generator = createScriptedGenerator({ answers: { review: [{ findings: [] }, { findings: [] }, { findings: [] }, { findings: [] }, { findings: [] }], tests: [answer, answer] } });
    const result = await reviewChange({ ...params(), generator });

    const testComments = result.comments.filter((c) => c.body.includes("Rule: `tests/missing-cases`"));
    const [comment] = testComments;
    expect(testComments).toHaveLength(1);
    expect(comment).toMatchObject({ path: "test/math.spec.ts", startLine: 2, line: 8 });
    expect(comment?.body).toContain("```suggestion\nimport { add, mul, square, sub } from \"../src/math.js\";");
    expect(comment?.body).toContain("Rule: `tests/missing-cases`");

    expect(result.body).toContain("**Generated tests:** 2 files written · 2 type-checked the first time · 0 after a repair · 0 rejected.");
    expect(result.body).toContain("Not run: running a pull request's code means running untrusted code");
    expect(result.body).toContain("<details><summary>Proposed <code>test/stack.spec.ts</code> for Stack (3 cases)</summary>");
    expect(result.body).toContain(`\`\`\`ts\n${STACK_SPEC.trimEnd()}\n\`\`\``);
    expect(result.body).toContain("Comment `/patchsmith tests commit`");
    expect(result.stats.timings.tests).toBeGreaterThanOrEqual(0);
  });

  it("skips the whole step with checks.tests off", async () => {
    const result = await reviewChange({ ...params(), config: { ...defaultRepoConfig, checks: { ...defaultRepoConfig.checks, tests: false } } });
    expect(result.tests).toBeUndefined();
    expect(result.body).not.toContain("Unit tests");
  });
});
