import { z } from "zod";

/** Where a setting is listed: its section of .env.example and docs/settings.md. */
export type SettingSection = "github" | "reviews" | "queue" | "scans" | "model" | "tests" | "cli";

/** What the schema says about one environment variable, besides how it is parsed. */
export interface SettingMeta {
  readonly section: SettingSection;
  /** What it does: the comment above it in .env.example and its row in docs/settings.md. */
  readonly description: string;
  /** The values it accepts, in words ("a whole number from 1 to 16"); an invalid value's message says "expected" this. */
  readonly accepts: string;
  /** The default, as written in the environment; undefined: unset (the description says what that means). */
  readonly default?: string;
  /** The value(s) .env.example shows; default: the default. */
  readonly examples?: readonly string[];
  /** Whether .env.example sets it (an uncommented line) or only shows it commented out. */
  readonly set: boolean;
  /** A secret (a key, a token, a URL that may hold a password): its value is never repeated in a message. */
  readonly secret?: boolean;
}

/** The metadata of every setting, keyed by its schema (see settingsSchema). */
export const settingsRegistry = z.registry<SettingMeta>();

type Described = Omit<SettingMeta, "accepts" | "default">;

/**
 * A setting read from text: blank or unset gives `fallback`; otherwise `parse`
 * gives the value, or undefined when the text cannot be used (the schema then
 * reports an issue; the reader's message names the variable, what it got and `accepts`).
 */
function fromText<T, F>(parse: (text: string) => T | undefined, fallback: F, meta: SettingMeta) {
  const schema = z
    .string()
    .optional()
    .transform((raw, ctx): T | F => {
      const text = raw?.trim();
      if (text === undefined || text === "") return fallback;
      const value = parse(text);
      if (value === undefined) {
        ctx.addIssue({ code: "custom", message: `expected ${meta.accepts}`, input: raw });
        return z.NEVER;
      }
      return value;
    });
  settingsRegistry.add(schema, meta);
  return schema;
}

function wholeNumber(text: string, min: number, max: number): number | undefined {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  return Number.isSafeInteger(value) && value >= min && value <= max ? value : undefined;
}

/** A whole number from `min` to `max`, `fallback` when unset. */
export function integer(range: { readonly fallback: number; readonly min: number; readonly max: number }, meta: Described) {
  const { fallback, min, max } = range;
  return fromText((text) => wholeNumber(text, min, max), fallback, { ...meta, accepts: `a whole number from ${String(min)} to ${String(max)}`, default: String(fallback) });
}

/** A whole number from `min` to `max`, undefined when unset (the description says what decides then). */
export function optionalInteger(range: { readonly min: number; readonly max: number; readonly default: string }, meta: Described) {
  const { min, max } = range;
  return fromText((text) => wholeNumber(text, min, max), undefined, { ...meta, accepts: `a whole number from ${String(min)} to ${String(max)}`, default: range.default });
}

/** One of `choices` (any letter case), `fallback` when unset; `accepts` lists them in words. */
export function choice<C extends string>(choices: readonly C[], fallback: C, accepts: string, meta: Described) {
  return fromText((text) => choices.find((c) => c === text.toLowerCase()), fallback, { ...meta, accepts, default: fallback });
}

/** One of `choices` (any letter case), undefined when unset. */
export function optionalChoice<C extends string>(choices: readonly C[], accepts: string, meta: Described & { readonly default?: string }) {
  return fromText((text) => choices.find((c) => c === text.toLowerCase()), undefined, { ...meta, accepts });
}

/** true or false (any letter case), `fallback` when unset. */
export function flag(fallback: boolean, meta: Described) {
  const parse = (text: string): boolean | undefined => (text.toLowerCase() === "true" ? true : text.toLowerCase() === "false" ? false : undefined);
  return fromText(parse, fallback, { ...meta, accepts: "true or false", default: String(fallback) });
}

/** Text matching `pattern`, `fallback` when unset. */
export function matching<F extends string | undefined>(pattern: RegExp, fallback: F, accepts: string, meta: Described & { readonly default?: string }) {
  return fromText((text) => (pattern.test(text) ? text : undefined), fallback, { ...meta, accepts, ...(fallback === undefined ? {} : { default: fallback }) });
}

/** Any text, undefined when unset; `accepts` says what it should be (read as is, or checked by whoever uses it). */
export function text(accepts: string, meta: Described & { readonly default?: string }) {
  return fromText((value) => value, undefined, { ...meta, accepts });
}

/** An http(s) URL, `fallback` when unset (kept as written). */
export function httpUrl(fallback: string, meta: Described) {
  const parse = (value: string): string | undefined => (URL.canParse(value) && /^https?:$/.test(new URL(value).protocol) ? value : undefined);
  return fromText(parse, fallback, { ...meta, accepts: "an http(s) URL", default: fallback });
}
