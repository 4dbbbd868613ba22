// Keeps package-lock.json valid for `npm ci` everywhere.
//
// node-llama-cpp lists a prebuilt-binary package per platform as optional
// dependencies. When the registry a lock file is written against does not
// serve some of them (the one on our development machines serves only the
// Linux ones), `npm install` leaves them out of the lock and `npm ci` then
// refuses the lock as out of sync. This adds an entry for each missing one
// with its platform (os/cpu), so npm ci skips it on other platforms and
// fetches it by name on its own. Run it after every `npm install`:
//   node scripts/lock-foreign-platforms.mjs
import { readFileSync, writeFileSync } from "node:fs";

const PLATFORM = {
  "linux-arm64": ["linux", "arm64"],
  "linux-armv7l": ["linux", "arm"],
  "linux-riscv64": ["linux", "riscv64"],
  "linux-x64": ["linux", "x64"],
  "linux-x64-cuda": ["linux", "x64"],
  "linux-x64-cuda-ext": ["linux", "x64"],
  "linux-x64-vulkan": ["linux", "x64"],
  "mac-arm64-metal": ["darwin", "arm64"],
  "mac-x64": ["darwin", "x64"],
  "win-arm64": ["win32", "arm64"],
  "win-x64": ["win32", "x64"],
  "win-x64-cuda": ["win32", "x64"],
  "win-x64-cuda-ext": ["win32", "x64"],
  "win-x64-vulkan": ["win32", "x64"],
};

const lockPath = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
const parent = lock.packages["node_modules/node-llama-cpp"];
if (!parent) throw new Error("node-llama-cpp is not in package-lock.json");
let added = 0;
for (const [name, version] of Object.entries(parent.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const platform = PLATFORM[name.replace("@node-llama-cpp/", "")];
  if (!platform) throw new Error(`unknown platform package ${name}: add it to PLATFORM in ${import.meta.url}`);
  lock.packages[key] = { version, cpu: [platform[1]], license: "MIT", optional: true, os: [platform[0]], engines: { node: ">=20.0.0" } };
  added++;
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: added ${added} platform package entr${added === 1 ? "y" : "ies"}`);
