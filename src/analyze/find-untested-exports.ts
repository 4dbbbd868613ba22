import type { ModuleResolver } from "./create-module-resolver.js";
import type { ChangedExport } from "./list-changed-exports.js";
import type { ModuleReferences } from "./read-module-references.js";

/** An exported symbol the change added or modified that no test uses. */
export interface UntestedExport {
  readonly path: string;
  /** "mul", "Stack", "Cart.removeItem". */
  readonly name: string;
  readonly kind: "function" | "class" | "method";
  /** The name it is exported under ("default" for a default export); for a method, its class's. */
  readonly exportName: string;
  readonly member?: string;
  /** The declaration's first line; for a class whose methods alone changed, the first changed method's. */
  readonly line: number;
  /** For an untested class: its changed public methods, reported with it rather than one by one. */
  readonly methods: readonly string[];
  /** Why it counts as untested, naming the test files looked at. */
  readonly reason: string;
}

export interface TestFileReferences {
  readonly path: string;
  readonly references: ModuleReferences;
}

/** How a test reaches one module: the name it would use for each export (undefined: by the export's own name). */
interface View {
  readonly whole: boolean;
  readonly names: ReadonlyMap<string, string>;
  /** Reached through a module that imports it for its own use (a test helper, an index that builds a default instance): which names the test reaches is unknown. */
  readonly indirect?: boolean;
}

const MAX_REEXPORT_DEPTH = 4;

/**
 * Which changed exports no test covers. A symbol is tested when a test file
 * imports its module (directly, or through modules that re-export it) and
 * mentions it outside the import: the imported binding, or the export's own
 * name after a namespace import or `require`. A module a test reaches only
 * through another module's own imports (a shared test helper, an index that
 * builds a default instance) counts as tested: which of its names the test
 * exercises cannot be told, so nothing is claimed. A method is tested when such a
 * test mentions its class and the method's name. An untested class is
 * reported once, with its changed methods, not once per method.
 */
export function findUntestedExports(params: {
  readonly changed: readonly ChangedExport[];
  readonly tests: readonly TestFileReferences[];
  /** References of other repository modules (for re-exports through index files); undefined when not loaded. */
  readonly moduleReferences: (path: string) => ModuleReferences | undefined;
  readonly resolve: ModuleResolver;
}): UntestedExport[] {
  // Every (module, view) each test reaches.
  const reach = new Map<string, { readonly test: TestFileReferences; readonly view: View }[]>();
  for (const test of params.tests) {
    for (const entry of test.references.imports) {
      if (entry.typeOnly) continue;
      const target = params.resolve(test.path, entry.specifier);
      if (target === undefined || target === test.path) continue;
      const view: View = { whole: entry.whole, names: new Map(entry.bindings.map((binding) => [binding.imported, binding.local])) };
      follow(target, view, 0, new Set(), (module, seen) => {
        const list = reach.get(module) ?? [];
        list.push({ test, view: seen });
        reach.set(module, list);
      });
    }
  }

  function follow(module: string, view: View, depth: number, visited: Set<string>, record: (module: string, view: View) => void): void {
    if (visited.has(module)) return;
    visited.add(module);
    record(module, view);
    if (depth >= MAX_REEXPORT_DEPTH) return;
    const references = params.moduleReferences(module);
    // What the module imports for its own use may be what the test exercises through it: say nothing of those.
    for (const entry of references?.imports ?? []) {
      if (entry.typeOnly) continue;
      const target = params.resolve(module, entry.specifier);
      if (target !== undefined) follow(target, { whole: false, names: new Map(), indirect: true }, depth + 1, visited, record);
    }
    for (const reexport of references?.reexports ?? []) {
      const target = params.resolve(module, reexport.specifier);
      if (target === undefined) continue;
      if (reexport.all) {
        follow(target, view, depth + 1, visited, record);
        continue;
      }
      const names = new Map<string, string>();
      for (const { imported, exported } of reexport.names) {
        const mention = view.whole ? exported : view.names.get(exported);
        if (mention !== undefined) names.set(imported, mention);
      }
      if (names.size > 0) follow(target, { whole: false, names }, depth + 1, visited, record);
    }
  }

  /** Tests that reach the module, and those among them that mention the export (and the member, for a method). */
  const usage = (symbol: ChangedExport, member?: string): { readonly importers: readonly string[]; readonly users: readonly string[] } => {
    const importers = new Set<string>();
    const users = new Set<string>();
    for (const { test, view } of reach.get(symbol.path) ?? []) {
      importers.add(test.path);
      if (view.indirect === true) {
        users.add(test.path);
        continue;
      }
      const name = view.names.get(symbol.exportName) ?? (view.whole && symbol.exportName !== "default" ? symbol.exportName : undefined);
      const mentionsName = name !== undefined && test.references.mentions.has(name);
      if (mentionsName && (member === undefined || test.references.mentions.has(member))) users.add(test.path);
    }
    return { importers: [...importers].sort(), users: [...users] };
  };

  const results: UntestedExport[] = [];
  const byClass = new Map<string, ChangedExport[]>();
  for (const symbol of params.changed) {
    if (symbol.kind === "function") {
      const { importers, users } = usage(symbol);
      if (users.length === 0) results.push(untested(symbol, symbol.line, [], reason(symbol, symbol.name, importers)));
      continue;
    }
    const key = `${symbol.path}\0${symbol.exportName}`;
    byClass.set(key, [...(byClass.get(key) ?? []), symbol]);
  }
  for (const members of byClass.values()) {
    const own = members.find((symbol) => symbol.kind === "class");
    const methods = members.filter((symbol) => symbol.kind === "method");
    const first = own ?? methods[0];
    if (first === undefined) continue;
    const className = own?.name ?? first.name.slice(0, first.name.length - (first.member?.length ?? 0) - 1);
    const classUsage = usage(first);
    if (classUsage.users.length === 0) {
      const line = own?.line ?? first.line;
      const classSymbol: ChangedExport = { ...first, name: className, kind: "class" };
      results.push(untested(classSymbol, line, methods.map((m) => m.member ?? m.name), reason(classSymbol, className, classUsage.importers)));
      continue;
    }
    for (const method of methods) {
      const { users } = usage(method, method.member);
      if (users.length > 0) continue;
      const one = classUsage.users.length === 1;
      results.push(untested(method, method.line, [], `${list(classUsage.users)} ${one ? "uses" : "use"} ${className} but never ${one ? "calls" : "call"} ${method.member ?? method.name}`));
    }
  }
  return results.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.name.localeCompare(b.name));
}

function untested(symbol: ChangedExport, line: number, methods: readonly string[], why: string): UntestedExport {
  return {
    path: symbol.path,
    name: symbol.name,
    kind: symbol.kind,
    exportName: symbol.exportName,
    ...(symbol.member === undefined ? {} : { member: symbol.member }),
    line,
    methods,
    reason: why,
  };
}

function reason(symbol: ChangedExport, name: string, importers: readonly string[]): string {
  if (importers.length === 0) return `no test file imports ${symbol.path}`;
  const one = importers.length === 1;
  return `${list(importers)} ${one ? "imports" : "import"} ${symbol.path} but never ${one ? "uses" : "use"} ${name}`;
}

function list(paths: readonly string[]): string {
  if (paths.length <= 2) return paths.join(" and ");
  return `${paths.slice(0, 2).join(", ")} and ${paths.length - 2} more`;
}
