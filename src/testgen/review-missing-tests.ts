import type { UntestedExport } from "../analyze/find-untested-exports.js";
import { readModuleReferences } from "../analyze/read-module-references.js";
import type { RepoConfig } from "../config/repo-config.js";
import { mapWithConcurrency } from "../llm/findings/map-with-concurrency.js";
import type { Generator, TestsOutput } from "../llm/generator.js";
import type { Diagnostic, FileDiff, FileSource, Finding, Notice } from "../types.js";
import type { Workspace } from "../workspace/create-workspace.js";
import { loadFiles } from "../workspace/load-files.js";
import { collectSymbolContext } from "./collect-symbol-context.js";
import { createTestWorkspace } from "./create-test-workspace.js";
import { describeConventions } from "./describe-conventions.js";
import { testSkeleton } from "./test-skeleton.js";
import { detectUntestedExports } from "./detect-untested-exports.js";
import { explainRunFailure, summarizeRunFailure } from "./explain-run-failure.js";
import { exportsWithErrors } from "./exports-with-errors.js";
import { generateModuleTest, type RunVerdict } from "./generate-module-test.js";
import { importSpecifier } from "./import-specifier.js";
import { learnTestConventions } from "./learn-test-conventions.js";
import { loadTestContext } from "./load-test-context.js";
import { pickExamples } from "./pick-examples.js";
import { planTestDelivery } from "./plan-test-delivery.js";
import { planTestPath } from "./plan-test-path.js";
import type { TestRunner } from "./test-runner.js";
import type { GeneratedTest, RejectedTest, TestExecution, TestsReport } from "./tests-report.js";
import { validateGeneratedTest } from "./validate-generated-test.js";

export interface ReviewMissingTestsParams {
  /** The snapshot at head. */
  readonly head: FileSource;
  /** The files of the change that are reviewed (test files included). */
  readonly diff: readonly FileDiff[];
  /** Head texts already in memory (the review's workspace). */
  readonly headText: (path: string) => string | undefined;
  readonly config: RepoConfig;
  /** The model; without it only detection runs. */
  readonly generator?: Generator;
  /** Runs validated tests; only given when the operator's settings allow it. */
  readonly runner?: TestRunner;
  /** Masks the change's secrets in what the model is shown; a test holding one is refused. */
  readonly mask?: (text: string) => string;
  /** Only exports whose path or name matches (`/patchsmith tests src/math.ts`, `/patchsmith tests mul`). */
  readonly only?: string;
  /** Modules to write tests for, at most. Default 5. */
  readonly maxModules?: number;
  /** Offer cases for a test file the PR changes as an inline suggestion (default); false: always a proposed file (a command's reply has no inline comments). */
  readonly suggest?: boolean;
  readonly signal?: AbortSignal;
  /** Told as the model starts on each module: how many came before, how many in all, and the module's path. */
  readonly onModule?: (step: { readonly done: number; readonly total: number; readonly path: string }) => void;
  /** The review's acquired dependency declarations: generated tests are checked against the repository's real framework types. */
  readonly dependencies?: ReadonlyMap<string, string>;
  /** The change's diagnostics: an export whose declaration holds a TypeScript error gets no test until it compiles. */
  readonly diagnostics?: readonly Diagnostic[];
}

export const DEFAULT_MAX_TEST_MODULES = 5;

interface Plan {
  readonly sourcePath: string;
  readonly symbols: readonly UntestedExport[];
  readonly testPath: string;
  readonly existingText?: string;
}

type Outcome = { readonly kind: "accepted"; readonly test: Omit<GeneratedTest, "delivery"> } | { readonly kind: "rejected"; readonly test: RejectedTest; readonly answered: boolean };

/**
 * The unit-test step of a review:
 *  1. find the changed exports no test uses (always, model or not);
 *  2. learn the repository's test conventions;
 *  3. for each module with untested exports (at most `maxModules`), have the
 *     model write its test file and validate it (repair loop);
 *     When a runner is given (the operator allows running PR code), a valid
 *     file is run too, and a failing one goes back to the model with the
 *     runner's failing assertion, within the same attempts;
 *  4. keep only tests that pass every run (when they were run);
 *  5. deliver: a suggestion on a test file the pull request already changes,
 *     or a proposed file.
 */
export async function reviewMissingTests(params: ReviewMissingTestsParams): Promise<TestsReport> {
  const mask = params.mask ?? ((text: string) => text);
  const notices: Notice[] = [];

  // 1. Detection.
  const context = await loadTestContext({ source: params.head, changedPaths: params.diff.map((f) => f.path), known: params.headText, ...(params.dependencies ? { dependencies: params.dependencies } : {}) });
  notices.push(...context.notices);
  const readText = (path: string): string | undefined => params.headText(path) ?? context.files.get(path);
  const detection = detectUntestedExports({ diff: params.diff, context, headText: readText });
  const only = params.only?.trim();
  const untested = only === undefined || only === "" ? detection.untested : detection.untested.filter((u) => matches(u, only));
  const empty = { tests: [], rejected: [], suggestions: [], leftOut: [], stats: { generated: 0, typeCheckedFirstTime: 0, repaired: 0, rejected: 0, dropped: 0 } };
  const off: TestExecution = { kind: "off" };
  if (untested.length === 0) return { untested, generation: "nothing-to-test", execution: off, notices, ...empty };
  if (!params.config.checks.model) return { untested, generation: "model-off", execution: off, notices, ...empty };
  const generator = params.generator;
  if (generator === undefined) return { untested, generation: "no-model", execution: off, notices, ...empty };

  // 2. Conventions and plans.
  const conventions = learnTestConventions({
    packageJson: context.files.get("package.json"),
    tests: context.tests,
    knownPaths: context.knownPaths,
    resolve: context.resolve,
    compilerOptions: context.compilerOptions,
  });
  const broken = exportsWithErrors({ untested, diagnostics: params.diagnostics ?? [], headText: readText });
  if (broken.size > 0) {
    const names = [...broken].map((s) => `\`${s.name}\` (${s.path}:${s.line})`);
    notices.push({ message: `No test was written for ${names.join(", ")}: ${broken.size === 1 ? "its code has" : "their code has"} TypeScript errors in this change; tests come once it compiles.` });
  }
  const bySource = new Map<string, UntestedExport[]>();
  for (const symbol of untested) if (!broken.has(symbol)) bySource.set(symbol.path, [...(bySource.get(symbol.path) ?? []), symbol]);
  const maxModules = params.maxModules ?? DEFAULT_MAX_TEST_MODULES;
  const modules = [...bySource.keys()];
  const leftOut = modules.slice(maxModules);
  if (leftOut.length > 0) notices.push({ message: `Tests were written for ${maxModules} of the ${modules.length} modules with untested exports; the rest are listed as untested only.` });
  const plans: Plan[] = [];
  for (const sourcePath of modules.slice(0, maxModules)) {
    const testPath = planTestPath({ sourcePath, conventions, knownPaths: context.knownPaths, importers: detection.importers(sourcePath) });
    const existingText = context.knownPaths.has(testPath) ? (readText(testPath) ?? (await readFrom(params.head, testPath))) : undefined;
    plans.push({ sourcePath, symbols: bySource.get(sourcePath) ?? [], testPath, ...(existingText === undefined ? {} : { existingText }) });
  }

  // 3. Generate and validate, in one workspace of the head with the framework's declarations.
  const loaded = await loadFiles({ source: params.head, seeds: [...plans.map((p) => p.sourcePath), ...plans.filter((p) => p.existingText !== undefined).map((p) => p.testPath)] });
  const workspace = createTestWorkspace({
    ...(params.dependencies ? { dependencies: params.dependencies } : {}),
    files: new Map([...context.files, ...loaded.files]),
    knownPaths: context.knownPaths,
    compilerOptions: context.compilerOptions,
    conventions,
    rules: params.config.rules,
  });
  // Running, when the operator allows it: each valid file in a throwaway copy; the first "unavailable" ends running for this review.
  const runner = params.runner;
  const execution: { unavailable?: string; runs?: number } = {};
  const runTest =
    runner === undefined
      ? undefined
      : async (testPath: string, answer: TestsOutput): Promise<RunVerdict> => {
          if (execution.unavailable !== undefined) return { kind: "unavailable" };
          const report = await runner.run({ source: params.head, tests: [{ path: testPath, content: withFinalNewline(answer.code) }], conventions, ...(params.signal === undefined ? {} : { signal: params.signal }) });
          if (report.kind === "unavailable") {
            execution.unavailable = report.reason;
            return { kind: "unavailable" };
          }
          execution.runs = report.runs;
          const outcome = report.outcomes.get(testPath) ?? { status: "failed" as const, runs: 0, output: "it was not run" };
          if (outcome.status === "passed") return { kind: "passed", outcome };
          return { kind: "failed", outcome, reasons: [summarizeRunFailure(outcome)], feedback: explainRunFailure({ ...outcome, output: mask(outcome.output) }) };
        };
  let outcomes: Outcome[];
  try {
    outcomes = await mapWithConcurrency(plans, generator.parallelism, (plan, index) => {
      params.onModule?.({ done: index, total: plans.length, path: plan.sourcePath });
      return generateFor(plan);
    });
  } finally {
    workspace.dispose();
  }

  async function generateFor(plan: Plan): Promise<Outcome> {
    params.signal?.throwIfAborted();
    const sourceText = readText(plan.sourcePath) ?? "";
    const names = plan.symbols.map((s) => s.name);
    const symbolContext = collectSymbolContext({ sourcePath: plan.sourcePath, sourceText, symbols: plan.symbols, diff: params.diff, readText, resolve: context.resolve });
    const importPath = importSpecifier({ fromPath: plan.testPath, targetPath: plan.sourcePath, conventions });
    const outcome = await generateModuleTest({
      generator: generator as Generator,
      request: {
        path: plan.sourcePath,
        symbol: names.join(", "),
        symbols: names,
        sourceText: mask(sourceText),
        testPath: plan.testPath,
        framework: conventions.framework,
        conventions: describeConventions(conventions, plan.testPath),
        skeleton: testSkeleton({ conventions, importPath, symbol: names[0] ?? "subject", typescript: /\.[cm]?tsx?$/.test(plan.testPath) }),
        importPath,
        typesText: mask(symbolContext.typesText),
        callers: symbolContext.callers.map((c) => ({ ...c, text: mask(c.text) })),
        examples: pickExamples({ tests: context.tests, testPath: plan.testPath }).map((e) => ({ path: e.path, text: mask(e.text) })),
        ...(plan.existingText === undefined ? {} : { existingTestText: mask(plan.existingText) }),
      },
      validate: async (answer: TestsOutput) => {
        await loadImports(workspace, params.head, context.resolve, plan.testPath, answer.code);
        return validateGeneratedTest({
          validation: { workspace, conventions, knownPaths: context.knownPaths, resolve: context.resolve, mask },
          testPath: plan.testPath,
          proposedPath: answer.path,
          code: answer.code,
          ...(plan.existingText === undefined ? {} : { existingText: plan.existingText }),
          mention: mentionNames(plan.symbols),
          original: `${sourceText}\n${plan.existingText ?? ""}`,
        });
      },
      ...(runTest === undefined ? {} : { run: (answer: TestsOutput) => runTest(plan.testPath, answer) }),
      maxAttempts: params.config.model.maxAttempts,
      temperature: params.config.model.temperature,
      ...(params.signal === undefined ? {} : { signal: params.signal }),
    });
    const base = { path: plan.testPath, sourcePath: plan.sourcePath, attempts: outcome.attempts, ...(outcome.run === undefined ? {} : { run: outcome.run }) };
    if (outcome.kind === "rejected") {
      return { kind: "rejected", answered: outcome.stage !== "model", test: { ...base, symbols: names, stage: outcome.stage, reasons: outcome.reasons } };
    }
    const covered = plan.symbols.filter((s) => outcome.covered.includes(mentionName(s) ?? "")).map((s) => s.name);
    return {
      kind: "accepted",
      test: {
        ...base,
        content: withFinalNewline(outcome.answer.code),
        symbols: covered.length > 0 ? covered : names,
        cases: outcome.answer.cases.map((c) => ({ name: c.name, why: c.why })),
        explanation: outcome.answer.explanation,
        existing: plan.existingText !== undefined,
      },
    };
  }

  // 4. Keep what passed its runs (the runs happened in the repair loop).
  const accepted = outcomes.flatMap((o) => (o.kind === "accepted" ? [o.test] : []));
  const rejected = outcomes.flatMap((o) => (o.kind === "rejected" ? [o.test] : []));
  const dropped = rejected.filter((t) => t.stage === "run").length;
  const ran: TestExecution =
    execution.unavailable !== undefined ? { kind: "unavailable", reason: execution.unavailable } : execution.runs !== undefined ? { kind: "ran", runs: execution.runs } : { kind: "off" };

  // 5. Deliver.
  const tests: GeneratedTest[] = [];
  const suggestions: Finding[] = [];
  for (const test of accepted) {
    const plan = plans.find((p) => p.testPath === test.path);
    const delivery = params.suggest === false ? { kind: "file" as const } : planTestDelivery({ test, existingText: plan?.existingText, diff: params.diff });
    tests.push({ ...test, delivery: delivery.kind });
    if (delivery.kind === "suggestion") suggestions.push(delivery.finding);
  }
  const firstTime = accepted.filter((t) => t.attempts === 1).length;
  return {
    untested,
    conventions,
    generation: "ran",
    tests,
    rejected,
    stats: {
      generated: outcomes.filter((o) => o.kind === "accepted" || o.answered).length,
      typeCheckedFirstTime: firstTime,
      repaired: accepted.length - firstTime,
      rejected: outcomes.filter((o) => o.kind === "rejected" && o.test.stage !== "run").length,
      dropped,
    },
    execution: ran,
    suggestions,
    notices,
    leftOut,
  };
}

function matches(symbol: UntestedExport, only: string): boolean {
  const wanted = only.replace(/^\.\//, "");
  return symbol.path === wanted || symbol.path.startsWith(`${wanted.replace(/\/$/, "")}/`) || symbol.name === wanted || symbol.exportName === wanted || symbol.member === wanted;
}

/** The name a test uses for a symbol: its export, or the method; undefined for a default export (any local name works). */
function mentionName(symbol: UntestedExport): string | undefined {
  if (symbol.member !== undefined) return symbol.member;
  return symbol.exportName === "default" ? undefined : symbol.exportName;
}

function mentionNames(symbols: readonly UntestedExport[]): string[] {
  return symbols.map(mentionName).filter((name) => name !== undefined);
}

function withFinalNewline(code: string): string {
  return code.endsWith("\n") ? code : `${code}\n`;
}

async function readFrom(source: FileSource, path: string): Promise<string | undefined> {
  const result = await source.readText(path);
  return result.kind === "text" ? result.text : undefined;
}

/** Load the repository files a generated test imports that the workspace does not hold yet, so their types are real. */
async function loadImports(workspace: Workspace, source: FileSource, resolve: (from: string, specifier: string) => string | undefined, testPath: string, code: string): Promise<void> {
  for (const entry of readModuleReferences(testPath, code).imports) {
    const target = resolve(testPath, entry.specifier);
    if (target === undefined || workspace.getText(target) !== undefined) continue;
    const text = await readFrom(source, target);
    if (text !== undefined) workspace.setText(target, text);
  }
}
