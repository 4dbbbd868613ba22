import js from "@eslint/js";
import type { Linter } from "eslint";
import tseslint from "typescript-eslint";

/**
 * What a shipped rule's finding means for the pull request:
 *  - "bug": likely wrong behaviour; an error ("Changes needed", `failOn: error`).
 *  - "convention": a habit most projects keep, with a one-click fix or a cheap
 *    manual one; a warning, never a reason to block.
 *  - "taste": a style choice many good projects make the other way; off
 *    unless the repository switches it on.
 */
export type RuleClass = "bug" | "convention" | "taste";

export interface RulePolicy {
  readonly class: RuleClass;
  /** A rule the recommended sets leave out, switched on here for every language. */
  readonly added?: true;
  /** Options for an added rule (a recommended rule keeps the set's own). */
  readonly options?: readonly unknown[];
  /** Why, for rules whose class differs from what ESLint's `meta.type` suggests, or that are added. */
  readonly why?: string;
}

/**
 * Every rule of @eslint/js and typescript-eslint's recommended sets,
 * classified once, plus the correctness rules the recommended sets leave out
 * that catch bugs. ESLint's `meta.type` was the start ("problem" → bug,
 * "suggestion" → taste); the exceptions say why. A test fails when a new
 * release adds a recommended rule this table does not classify.
 */
export const RULE_POLICY: Readonly<Record<string, RulePolicy>> = {
  // Likely bugs (meta.type "problem").
  "constructor-super": { class: "bug" },
  "for-direction": { class: "bug" },
  "getter-return": { class: "bug" },
  "no-async-promise-executor": { class: "bug" },
  "no-class-assign": { class: "bug" },
  "no-compare-neg-zero": { class: "bug" },
  "no-cond-assign": { class: "bug" },
  "no-const-assign": { class: "bug" },
  "no-constant-binary-expression": { class: "bug" },
  "no-constant-condition": { class: "bug" },
  "no-control-regex": { class: "bug" },
  "no-debugger": { class: "bug" },
  "no-dupe-args": { class: "bug" },
  "no-dupe-class-members": { class: "bug" },
  "no-dupe-else-if": { class: "bug" },
  "no-dupe-keys": { class: "bug" },
  "no-duplicate-case": { class: "bug" },
  "no-empty-character-class": { class: "bug" },
  "no-ex-assign": { class: "bug" },
  "no-fallthrough": { class: "bug" },
  "no-func-assign": { class: "bug" },
  "no-import-assign": { class: "bug" },
  "no-invalid-regexp": { class: "bug" },
  "no-loss-of-precision": { class: "bug" },
  "no-misleading-character-class": { class: "bug" },
  "no-new-native-nonconstructor": { class: "bug" },
  "no-obj-calls": { class: "bug" },
  "no-self-assign": { class: "bug" },
  "no-setter-return": { class: "bug" },
  "no-sparse-arrays": { class: "bug" },
  "no-this-before-super": { class: "bug" },
  "no-unassigned-vars": { class: "bug" },
  "no-undef": { class: "bug" },
  "no-unexpected-multiline": { class: "bug" },
  "no-unreachable": { class: "bug" },
  "no-unsafe-finally": { class: "bug" },
  "no-unsafe-negation": { class: "bug" },
  "no-unsafe-optional-chaining": { class: "bug" },
  "no-useless-backreference": { class: "bug" },
  "use-isnan": { class: "bug" },
  "valid-typeof": { class: "bug" },
  "@typescript-eslint/no-duplicate-enum-values": { class: "bug" },
  "@typescript-eslint/no-misused-new": { class: "bug" },
  "@typescript-eslint/no-non-null-asserted-optional-chain": { class: "bug" },
  "@typescript-eslint/no-unsafe-declaration-merging": { class: "bug" },
  // Likely bugs that ESLint files under "suggestion".
  "no-case-declarations": { class: "bug", why: "a `let` in one `case` is visible, uninitialised, in the others" },
  "no-delete-var": { class: "bug", why: "`delete` on a variable does nothing (a SyntaxError in strict mode)" },
  "no-global-assign": { class: "bug", why: "overwriting `undefined`, `Object`, `window`… breaks other code" },
  "no-nonoctal-decimal-escape": { class: "bug", why: "`\\8` is not the character it looks like" },
  "no-octal": { class: "bug", why: "`071` is 57" },
  "no-redeclare": { class: "bug", why: "a second `var x` silently reuses the first" },
  "no-shadow-restricted-names": { class: "bug", why: "a variable named `undefined` or `NaN` changes what those words mean" },
  "no-with": { class: "bug", why: "names inside `with` resolve differently at run time" },
  "require-yield": { class: "bug", why: "a generator that never yields is usually a mistake" },
  "@typescript-eslint/no-unused-expressions": { class: "bug", why: "`a == b;` or `fn;` computes nothing: a missing assignment or call" },
  // Conventions: warnings. Dead code, hygiene and habits with a cheap fix.
  "no-unused-vars": { class: "convention", why: "dead code, rarely a wrong result" },
  "@typescript-eslint/no-unused-vars": { class: "convention", why: "dead code, rarely a wrong result" },
  "no-useless-assignment": { class: "convention", why: "a dead store, rarely a wrong result" },
  "no-unused-private-class-members": { class: "convention", why: "dead code" },
  "no-empty-pattern": { class: "convention", why: "`const {} = x` does nothing, harmlessly" },
  "no-irregular-whitespace": { class: "convention", why: "invisible characters, rarely a wrong result" },
  "no-prototype-builtins": { class: "convention", why: "fails only for objects without Object.prototype" },
  "no-var": { class: "convention", why: "`let`/`const` scope is easier to read; a one-click fix" },
  "prefer-const": { class: "convention", why: "says a binding never changes; a one-click fix" },
  "no-empty": { class: "convention", why: "an empty block hides intent (a swallowed error), rarely a bug by itself" },
  "no-extra-boolean-cast": { class: "convention", why: "redundant `!!`; a one-click fix" },
  "no-regex-spaces": { class: "convention", why: "`/a  b/` is clearer as `/a {2}b/`; a one-click fix" },
  "no-unused-labels": { class: "convention", why: "dead code; a one-click fix" },
  "no-useless-catch": { class: "convention", why: "a catch that only rethrows is dead code" },
  "no-empty-static-block": { class: "convention", why: "dead code" },
  "@typescript-eslint/ban-ts-comment": { class: "convention", why: "`@ts-ignore` hides errors, a project decision" },
  "@typescript-eslint/no-require-imports": { class: "convention", why: "a module-system habit" },
  "@typescript-eslint/no-extra-non-null-assertion": { class: "convention", why: "`x!!` is redundant, harmlessly" },
  "@typescript-eslint/no-unsafe-function-type": { class: "convention", why: "`Function` loses checking; a typing habit" },
  "@typescript-eslint/no-wrapper-object-types": { class: "convention", why: "`String` for `string`; a one-click fix" },
  "@typescript-eslint/prefer-as-const": { class: "convention", why: "a one-click fix" },
  "@typescript-eslint/no-unnecessary-type-constraint": { class: "convention", why: "`extends unknown` is redundant" },
  // Taste: off by default.
  "@typescript-eslint/no-explicit-any": { class: "taste", why: "many projects use `any` on purpose at their edges" },
  "@typescript-eslint/no-empty-object-type": { class: "taste", why: "`{}` and empty interfaces are used on purpose" },
  "@typescript-eslint/no-namespace": { class: "taste", why: "namespaces are a legitimate style in declaration-heavy code" },
  "@typescript-eslint/prefer-namespace-keyword": { class: "taste" },
  "@typescript-eslint/no-this-alias": { class: "taste" },
  "@typescript-eslint/triple-slash-reference": { class: "taste" },
  "@typescript-eslint/no-array-constructor": { class: "taste" },
  "no-useless-escape": { class: "taste", why: "harmless, and noisy in regular expressions" },
  "prefer-rest-params": { class: "taste" },
  "prefer-spread": { class: "taste" },
  "preserve-caught-error": { class: "taste", why: "attaching `cause` is a project habit" },
  // Correctness rules the recommended sets leave out, switched on here.
  eqeqeq: { added: true, class: "convention", options: ["smart"], why: "`a == b` between two values coerces; `smart` still allows `== null` and `typeof` checks. A warning: in TypeScript the types usually make it harmless" },
  "no-self-compare": { added: true, class: "bug", why: "`x === x` is always true (or a NaN test in disguise)" },
  "no-template-curly-in-string": { added: true, class: "convention", why: '`"${x}"` in plain quotes was probably meant as a template' },
  "no-unmodified-loop-condition": { added: true, class: "bug", why: "a loop whose condition never changes runs forever or never" },
  "no-unreachable-loop": { added: true, class: "bug", why: "a loop that always exits in its first pass" },
  "array-callback-return": { added: true, class: "bug", why: "`map`/`filter`/`reduce` callbacks without `return` give undefined" },
  "no-constructor-return": { added: true, class: "bug", why: "a value returned from a constructor replaces the instance" },
  "no-promise-executor-return": { added: true, class: "convention", why: "a value returned from a Promise executor is ignored" },
};

const SEVERITY: Readonly<Record<RuleClass, Linter.RuleSeverity>> = { bug: "error", convention: "warn", taste: "off" };

type RulesRecord = Partial<Record<string, Linter.RuleEntry>>;

/** The rules the recommended sets switch on for JavaScript files, and for TypeScript files (where some core rules are off: the compiler checks them). */
export function recommendedRules(): { readonly javascript: RulesRecord; readonly typescript: RulesRecord } {
  const javascript: RulesRecord = { ...js.configs.recommended.rules };
  const typescript: RulesRecord = { ...javascript };
  for (const config of tseslint.configs.recommended as Linter.Config[]) Object.assign(typescript, config.rules ?? {});
  return { javascript: onlyOn(javascript), typescript: onlyOn(typescript) };
}

/**
 * The default rules for one language: each recommended rule at its class's
 * severity (options kept), and the added rules; taste rules off.
 */
export function defaultRules(recommended: RulesRecord): Linter.RulesRecord {
  const rules: Linter.RulesRecord = {};
  for (const [name, entry] of Object.entries(recommended)) {
    const policy = RULE_POLICY[name];
    // Unclassified (a new release): kept as the recommended set has it; the policy test names it.
    if (policy === undefined || entry === undefined) continue;
    rules[name] = Array.isArray(entry) ? [SEVERITY[policy.class], ...(entry.slice(1) as unknown[])] : SEVERITY[policy.class];
  }
  for (const [name, policy] of Object.entries(RULE_POLICY)) {
    if (policy.added) rules[name] = [SEVERITY[policy.class], ...(policy.options ?? [])];
  }
  return rules;
}

function onlyOn(rules: RulesRecord): RulesRecord {
  return Object.fromEntries(Object.entries(rules).filter(([, entry]) => severityOf(entry) !== "off"));
}

function severityOf(entry: Linter.RuleEntry | undefined): "off" | "on" {
  const level = Array.isArray(entry) ? entry[0] : entry;
  return level === "off" || level === 0 || level === undefined ? "off" : "on";
}
