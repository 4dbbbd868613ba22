import { describe, expect, it } from "vitest";
import { findKeptSurfaces } from "../../src/review/find-kept-surfaces.js";
import { resolveRelativeImport } from "../../src/workspace/resolve-relative-import.js";
import { makeWorkspace } from "../helpers/make-workspace.js";

const TSCONFIG = JSON.stringify({ compilerOptions: { target: "es2022", lib: ["es2022"], module: "node16", strict: true } });
const TIMING = [
  'import { SCALE } from "./scale.js";',
  "export class Timer {",
  "  private delay = 1;",
  "  wait(header: string) {",
  "    return Number(header) * SCALE;",
  "  }",
  "}",
  "",
].join("\n");
const SCALE = "export const SCALE = 2;\n";
const CALLER = 'import { Timer } from "./timing.js";\nexport const after: number = new Timer().wait("1");\n';

function kept(head: Record<string, string>, options: { readonly base?: Record<string, string>; readonly changed?: readonly string[]; readonly modules?: readonly string[] } = {}) {
  const files = { "tsconfig.json": TSCONFIG, "src/scale.ts": SCALE, "src/caller.ts": CALLER, "src/timing.ts": TIMING };
  const headFiles = { ...files, ...head };
  const headWorkspace = makeWorkspace(headFiles);
  const known = new Set(Object.keys(headFiles));
  return findKeptSurfaces({
    modules: options.modules ?? ["src/timing.ts"],
    head: headWorkspace,
    base: makeWorkspace({ ...files, ...options.base }),
    changed: new Set(options.changed ?? ["src/timing.ts"]),
    resolve: (from, specifier) => resolveRelativeImport(from, specifier, known),
    texts: () => Object.entries(headFiles),
  });
}

describe("findKeptSurfaces", () => {
  it("keeps a module whose unannotated body changed but whose inferred types did not", () => {
    expect([...kept({ "src/timing.ts": TIMING.replace("Number(header) * SCALE", "Number(header.trim()) * SCALE") })]).toEqual(["src/timing.ts"]);
  });

  it("does not keep a module whose inferred return type changed (an unannotated body)", () => {
    expect(kept({ "src/timing.ts": TIMING.replace("Number(header) * SCALE", "String(Number(header) * SCALE)") }).size).toBe(0);
  });

  it("keeps a module whose only change is a private member nothing else names, and not one another file names", () => {
    const head = TIMING.replace("private delay = 1;", 'private delay = "1";');
    expect(kept({ "src/timing.ts": head }).size).toBe(1);
    expect(kept({ "src/timing.ts": head, "src/caller.ts": `${CALLER}export const delay: number = new Timer()["delay"];\n` }).size).toBe(0);
  });

  it("does not keep a module whose declarations import another changed module that is not kept", () => {
    // The declaration file names a type of scale.ts: a change there flows to timing.ts's importers.
    const typed = TIMING.replace("private delay = 1;", 'private delay = 1;\n  scale(): import("./scale.js").Scale { return 2; }');
    const scale = "export const SCALE = 2;\nexport type Scale = number;\n";
    const base = { "src/timing.ts": typed, "src/scale.ts": scale };
    const both = { changed: ["src/timing.ts", "src/scale.ts"], modules: ["src/timing.ts", "src/scale.ts"], base };
    // scale.ts changed, but not what it declares: both kept.
    expect([...kept({ "src/timing.ts": typed, "src/scale.ts": `${scale}// note\n` }, both)].sort()).toEqual(["src/scale.ts", "src/timing.ts"]);
    // Scale is a string now: neither is kept, though timing.ts's own declarations read the same.
    expect(kept({ "src/timing.ts": typed, "src/scale.ts": scale.replace("Scale = number", "Scale = string") }, both).size).toBe(0);
    // A changed module whose importers were not looked at is not known to be kept.
    expect(kept({ "src/timing.ts": typed, "src/scale.ts": `${scale}// note\n` }, { base, changed: ["src/timing.ts", "src/scale.ts"] }).size).toBe(0);
    expect(kept({ "src/timing.ts": typed, "src/scale.ts": scale }, { base }).size).toBe(1);
  });

  it("compares the members a project's `stripInternal` leaves out of its declaration files, and private ones by type", () => {
    const tsconfig = JSON.stringify({ compilerOptions: { target: "es2022", lib: ["es2022"], module: "node16", strict: true, stripInternal: true } });
    const internal = TIMING.replace("  wait(", "  /** @internal */\n  wait(");
    const base = { "tsconfig.json": tsconfig, "src/timing.ts": internal };
    expect(kept({ "tsconfig.json": tsconfig, "src/timing.ts": internal.replace("Number(header) * SCALE", "Number(header.trim()) * SCALE") }, { base }).size).toBe(1);
    expect(kept({ "tsconfig.json": tsconfig, "src/timing.ts": internal.replace("Number(header) * SCALE", "String(header)") }, { base }).size).toBe(0);
  });

  it("tells a private member whose inferred type changed through code outside it, when another file names it", () => {
    const source = (value: string) => `function seed() {\n  return ${value};\n}\nexport class Timer {\n  private delay = seed();\n  run(): void {}\n}\n`;
    const caller = 'import { Timer } from "./timing.js";\nexport const delay: number = new Timer()["delay"];\n';
    const base = { "src/timing.ts": source("1"), "src/caller.ts": caller };
    expect(kept({ "src/timing.ts": source('"1"'), "src/caller.ts": caller }, { base }).size).toBe(0);
    expect(kept({ "src/timing.ts": source("2") , "src/caller.ts": caller }, { base }).size).toBe(1);
  });
});
