/** Capabilities an edit can add to code, each with the words used to name it. */
const CAPABILITIES: readonly { readonly label: string; readonly pattern: RegExp }[] = [
  { label: "a URL", pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"`)]+|\bwww\.[a-z0-9-]+\./gi },
  { label: "an environment read", pattern: /\bprocess\s*\.\s*env\b|\bprocess\s*\[\s*["'`]env|\bimport\.meta\.env\b|\bDeno\.env\b|\bBun\.env\b/g },
  { label: "a network call", pattern: /\bfetch\s*\(|\bXMLHttpRequest\b|\bWebSocket\s*\(|\bnavigator\.sendBeacon\b|\b(?:https?|http2|net|tls|dgram)\s*\.\s*(?:request|get|connect|createConnection|createSocket)\b|\baxios\b|\bnew\s+Image\s*\(/g },
  { label: "a subprocess", pattern: /\bchild_process\b|\b(?:exec|execSync|execFile|execFileSync|spawn|spawnSync|fork)\s*\(/g },
  { label: "dynamic code", pattern: /\beval\s*\(|\bnew\s+Function\s*\(|\bFunction\s*\(\s*["'`]|\bvm\s*\.\s*run|\bsetTimeout\s*\(\s*["'`]|\bsetInterval\s*\(\s*["'`]/g },
  { label: "a module load", pattern: /\brequire\s*\(|\bimport\s*\(|^\s*import\s|\bfrom\s+["'`]|\bcreateRequire\b/gm },
  { label: "file-system access", pattern: /\b(?:fs|fsp|promises)\s*\.\s*(?:write|append|rm|unlink|chmod|rename|copy|cp|symlink|mkdir)\w*\s*\(|\bwriteFile(?:Sync)?\s*\(/g },
  { label: "cookies or browser storage", pattern: /\bdocument\s*\.\s*cookie\b|\b(?:localStorage|sessionStorage|indexedDB)\b/g },
];

/**
 * What an edit adds that the lines it replaces did not have: URLs, reads of
 * the environment, network calls, subprocesses, dynamic code, module loads,
 * file writes, cookies. A model asked by a prompt injection to exfiltrate
 * something has to add one of these; a real fix of the changed lines rarely
 * does. Returns the labels, empty when nothing new is added.
 */
export function findRiskyAdditions(original: string, replacement: string): string[] {
  const found: string[] = [];
  for (const { label, pattern } of CAPABILITIES) {
    const before = new Set(matches(original, pattern));
    if (matches(replacement, pattern).some((match) => !before.has(match))) found.push(label);
  }
  return found;
}

function matches(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((match) => match[0].replace(/\s+/g, "").toLowerCase());
}
