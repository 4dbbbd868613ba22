import type { Finding, Fix, ValidationVerdict } from "../../types.js";
import { findSecrets } from "../find-secrets.js";
import { findStringLiteral } from "./find-string-literal.js";
import type { NumberedLine, SecretHit } from "./secret-hit.js";

export interface SecretFindingsParams {
  readonly path: string;
  /** The lines to report on (the lines the change added). */
  readonly lines: readonly NumberedLine[];
  /** JavaScript or TypeScript: offer `process.env` instead of the literal. Otherwise a configuration file. */
  readonly script: boolean;
  /** Whether startLine..endLine lies inside one hunk (a suggestion can only replace such lines). */
  readonly inHunk: (startLine: number, endLine: number) => boolean;
  /** validateEdit on the head workspace; absent when the file is not loaded (no suggestion then). */
  readonly validate?: (fix: Fix) => ValidationVerdict;
  /**
   * Whether `process` is declared for this file in the repository (false in browser code);
   * undefined when unknown. Where it is not, `process.env` is not offered: it would not compile there.
   */
  readonly declaresProcess?: boolean | undefined;
}

export interface SecretFindingsResult {
  readonly findings: Finding[];
  /** Every secret found, for masking it elsewhere. */
  readonly hits: SecretHit[];
  readonly proposed: number;
  readonly validated: number;
  readonly rejected: number;
}

/**
 * Secrets on the added lines of one file as findings, one per line: an
 * error that says what kind of credential it is and what to do, never the
 * secret itself. In code, the literal holding it is replaced with
 * `process.env.NAME` as a suggestion when that edit validates; otherwise,
 * and in configuration files, the advice is plain text.
 */
export function secretFindings(params: SecretFindingsParams): SecretFindingsResult {
  const hits = findSecrets(params.lines, { config: !params.script });
  const text = new Map(params.lines.map((entry) => [entry.line, entry.text]));
  const findings: Finding[] = [];
  let proposed = 0;
  let validated = 0;
  let rejected = 0;
  const lines = [...new Set(hits.map((hit) => hit.line))];
  for (const line of lines) {
    const group = hits.filter((hit) => hit.line === line);
    const first = group[0];
    if (first === undefined) continue;
    const endLine = Math.max(...group.map((hit) => hit.endLine));
    const envName = first.envName;
    const browser = params.script && params.declaresProcess === false;
    const fixable = params.script && !browser && endLine === line && params.inHunk(line, line);
    // `process.env.NAME`, else `process.env["NAME"]` (what compiles where noPropertyAccessFromIndexSignature is on).
    const fixes = fixable ? (["dot", "bracket"] as const).map((access) => environmentFix(params.path, line, text.get(line) ?? "", group, access)) : [];
    const fix = fixes[0];
    let suggestion: Fix | undefined;
    for (const candidate of fixes) {
      if (!candidate || !params.validate || suggestion) continue;
      proposed += 1;
      if (params.validate(candidate).ok) {
        validated += 1;
        suggestion = candidate;
      } else rejected += 1;
    }
    const where = browser
      ? `keep it on a server: code that runs in a browser cannot hide a credential (\`process\` is not declared in this file's project, so there is no environment to read it from here)`
      : params.script
        ? `read it from the environment (\`process.env.${envName}\`) or a secret store instead`
        : `set it in the deployment's environment (\`${envName}\`) or a secret store instead, and keep it out of the repository`;
    const advice = suggestion
      ? undefined
      : fix
        ? `Replacing the literal with \`process.env.${envName}\` did not pass ESLint and TypeScript here, so it is not offered as a one-click suggestion; move the value out of the code by hand.`
        : undefined;
    findings.push({
      path: params.path,
      startLine: line,
      line: endLine,
      severity: "error",
      rule: `secret/${first.kind}`,
      message: `${capitalise(describeAll(group))} ${group.length > 1 && distinctDescriptions(group) > 1 ? "are" : "is"} committed here. Anyone who can read this repository, its forks or its history can use it: revoke or rotate it now, then ${where}.`,
      ...(suggestion ? { suggestion } : {}),
      ...(advice === undefined ? {} : { advice }),
    });
  }
  return { findings, hits, proposed, validated, rejected };
}

/** The line with each string literal holding a secret replaced by `process.env.NAME`, or undefined when a secret is not inside one. */
function environmentFix(path: string, line: number, text: string, group: readonly SecretHit[], access: "dot" | "bracket"): Fix | undefined {
  const spans = new Map<number, { start: number; end: number; envName: string }>();
  for (const hit of group) {
    const span = findStringLiteral(text, hit.column - 1, hit.column - 1 + hit.value.length);
    if (span === undefined) return undefined;
    if (!spans.has(span.start)) spans.set(span.start, { ...span, envName: hit.envName });
  }
  let replacement = text;
  for (const span of [...spans.values()].sort((a, b) => b.start - a.start)) {
    const read = access === "dot" ? `process.env.${span.envName}` : `process.env[${JSON.stringify(span.envName)}]`;
    replacement = `${replacement.slice(0, span.start)}${read}${replacement.slice(span.end + 1)}`;
  }
  if (findSecrets([{ line, text: replacement }]).length > 0) return undefined;
  const names = [...new Set([...spans.values()].map((span) => span.envName))];
  return {
    edit: { path, startLine: line, endLine: line, replacement },
    title: `read ${names.map((name) => `\`${name}\``).join(" and ")} from the environment`,
    // Computed here, not by a model: a deterministic fix, checked like ESLint's own.
    origin: "secret",
  };
}

function describeAll(group: readonly SecretHit[]): string {
  const descriptions = [...new Set(group.map((hit) => hit.description))];
  return descriptions.length === 1 ? (descriptions[0] ?? "") : `${descriptions.slice(0, -1).join(", ")} and ${descriptions.at(-1) ?? ""}`;
}

function distinctDescriptions(group: readonly SecretHit[]): number {
  return new Set(group.map((hit) => hit.description)).size;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
