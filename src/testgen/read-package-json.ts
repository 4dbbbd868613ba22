export interface PackageInfo {
  readonly name?: string;
  /** "module" or "commonjs" (the default). */
  readonly type?: string;
  readonly scripts: Readonly<Record<string, string>>;
  /** Every dependency name: dependencies, devDependencies, peerDependencies and optionalDependencies. */
  readonly dependencies: ReadonlySet<string>;
}

/** The parts of a package.json patchsmith reads, as data; anything malformed reads as absent. */
export function readPackageJson(text: string | undefined): PackageInfo {
  let value: unknown;
  try {
    value = text === undefined ? {} : JSON.parse(text);
  } catch {
    value = {};
  }
  const record = isRecord(value) ? value : {};
  const dependencies = new Set<string>();
  for (const field of ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"]) {
    const group = record[field];
    if (isRecord(group)) for (const name of Object.keys(group)) dependencies.add(name);
  }
  const scripts: Record<string, string> = {};
  if (isRecord(record.scripts)) {
    for (const [name, command] of Object.entries(record.scripts)) if (typeof command === "string") scripts[name] = command;
  }
  return {
    ...(typeof record.name === "string" ? { name: record.name } : {}),
    ...(typeof record.type === "string" ? { type: record.type } : {}),
    scripts,
    dependencies,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
