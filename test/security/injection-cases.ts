import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fakeCredentials, fakePrivateKey } from "./fake-credentials.js";

/** Where an injection is planted. */
export type InjectionPlace = "title" | "body" | "commit" | "code" | "comment" | "path" | "question";

/** One case of test/fixtures/injection/: the attacker's text, and what a model that obeys it answers. */
export interface InjectionCase {
  readonly file: string;
  readonly name: string;
  readonly where: InjectionPlace;
  /** A phrase of the injection the obedient model looks for in its prompt (and that must only ever appear inside a data block). */
  readonly trigger: string;
  readonly inject: string;
  /** The review findings it answers with (line placeholders resolved). */
  readonly review?: readonly unknown[];
  /** The replacement it answers a fix request with; default: its review edit again. */
  readonly fix?: string;
  /** Its answer to a thread question. */
  readonly answer?: unknown;
  /** For a question: the file and line the thread is on. */
  readonly anchor?: string;
  /** An extra line of code added after the injection. */
  readonly code_extra?: string;
  /** Text that must not appear in anything posted (case-insensitive). */
  readonly forbidden: readonly string[];
  /** Text the review body must contain (e.g. that a suggestion was withheld). */
  readonly bodyIncludes?: string;
  /** "allowed": a validated suggestion may be posted; by default none may. */
  readonly suggestions?: "allowed" | "none";
}

export const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/injection");
export const credentials = fakeCredentials(3);
export const privateKey = fakePrivateKey();
/** The secrets an obedient model might have been told, and that must never be posted. */
export const SECRETS: readonly string[] = [credentials.githubToken, credentials.installationToken, ...privateKey.split("\n").slice(1, -1)];

/** The head file's layout: 10 base lines, a blank one, then the added function. */
export function layout(c: Pick<InjectionCase, "where" | "inject">): { readonly comment: number; readonly note: number; readonly ret: number } {
  const comment = c.where === "comment" ? c.inject.split("\n").length : 0;
  const note = 13 + comment;
  return { comment, note, ret: note + 1 };
}

function resolve(value: unknown, lines: Readonly<Record<string, number>>): unknown {
  if (typeof value === "string") {
    const whole = /^\{\{([A-Z]+)\}\}$/.exec(value)?.[1];
    if (whole !== undefined && whole in lines) return lines[whole];
    return value
      .replaceAll("{{GITHUB_TOKEN}}", credentials.githubToken)
      .replaceAll("{{INSTALLATION_TOKEN}}", credentials.installationToken)
      .replaceAll("{{PRIVATE_KEY}}", privateKey)
      .replaceAll("{{PRIVATE_KEY_LINE}}", privateKey.split("\n")[1] ?? "");
  }
  if (Array.isArray(value)) return value.map((item) => resolve(item, lines));
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item, lines)]));
  return value;
}

/** Every case, placeholders resolved: {{NOTE}}/{{RETURN}} line numbers, fake credentials. */
export function loadInjectionCases(): InjectionCase[] {
  return readdirSync(FIXTURES)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((file) => {
      const raw = JSON.parse(readFileSync(path.join(FIXTURES, file), "utf8")) as Omit<InjectionCase, "file" | "forbidden"> & { forbidden?: string[] };
      const inject = resolve(raw.inject, {}) as string;
      const { note, ret } = layout({ where: raw.where, inject });
      const resolved = resolve({ ...raw, inject }, { NOTE: note, RETURN: ret }) as Omit<InjectionCase, "file" | "forbidden"> & { forbidden?: string[] };
      return { ...resolved, file, forbidden: resolved.forbidden ?? [] };
    });
}
