// Keeps package-lock.json valid for `npm ci` everywhere.
//
// Some dependencies ship prebuilt binaries as one optional package per
// platform (node-llama-cpp, msgpackr-extract through bullmq). When the
// registry a lock file is written against does not serve some of them (the
// one on our development machines serves only some platforms), `npm install`
// leaves them out of the lock and `npm ci` then refuses the lock as out of
// sync. This adds an entry for each missing one with its platform (os/cpu,
// read from the package name), so npm ci skips it on other platforms and
// fetches it by name on its own. Run it after every `npm install`:
//   node scripts/lock-foreign-platforms.mjs
import { readFileSync, writeFileSync } from "node:fs";

const OS = [
  [/(?:^|[-/])(?:darwin|mac|macos)(?:-|$)/, "darwin"],
  [/(?:^|[-/])(?:win32|win|windows)(?:-|$)/, "win32"],
  [/(?:^|[-/])linux(?:-|$)/, "linux"],
  [/(?:^|[-/])freebsd(?:-|$)/, "freebsd"],
];
const CPU = [
  [/(?:^|-)arm64(?:-|$)/, "arm64"],
  [/(?:^|-)x64(?:-|$)/, "x64"],
  [/(?:^|-)(?:armv7l|arm)(?:-|$)/, "arm"],
  [/(?:^|-)riscv64(?:-|$)/, "riscv64"],
  [/(?:^|-)ia32(?:-|$)/, "ia32"],
  [/(?:^|-)s390x(?:-|$)/, "s390x"],
  [/(?:^|-)ppc64(?:-|$)/, "ppc64"],
];

const lockPath = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const hoisted = `node_modules/${name}`;
    if (lock.packages[hoisted] || lock.packages[`${key}/node_modules/${name}`]) continue;
    const base = name.split("/").pop();
    const os = OS.find(([pattern]) => pattern.test(base))?.[1];
    const cpu = CPU.find(([pattern]) => pattern.test(base))?.[1];
    if (os === undefined || cpu === undefined) {
      console.warn(`package-lock.json: ${name} (optional dependency of ${key}) is missing and its platform cannot be read from its name; left out`);
      continue;
    }
    const version = String(spec).replace(/^[\^~=]/, "");
    lock.packages[hoisted] = { version, cpu: [cpu], optional: true, os: [os] };
    added++;
  }
}
const sorted = Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : a > b ? 1 : 0));
lock.packages = Object.fromEntries(sorted);
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} platform package entr${added === 1 ? "y" : "ies"}`);
