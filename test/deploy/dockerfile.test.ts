import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const dockerfile = readFileSync("Dockerfile", "utf8");

describe("Dockerfile", () => {
  it("checks health on /healthz (503 while Redis is down), not Probot's /ping (PONG even then)", () => {
    const healthcheck = /^HEALTHCHECK [^\n]*\\\n\s*CMD (.*)$/m.exec(dockerfile)?.[1] ?? "";
    expect(healthcheck).toContain("/healthz`");
    expect(healthcheck).not.toContain("/ping");
  });
});

describe("every way of starting the App goes through patchsmith's entry (REDIS_URL kept from Probot's rate limiter)", () => {
  it("the image runs `patchsmith start`, and `npm start` does too; `probot run` appears in neither", () => {
    expect(/^CMD (.*)$/m.exec(dockerfile)?.[1]).toBe('["node", "dist/cli/main.js", "start"]');
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe("npm run build && node dist/cli/main.js start");
    expect(Object.values(pkg.scripts).join("\n")).not.toMatch(/probot(\.js)? run/);
    expect(dockerfile).not.toMatch(/probot(\.js)?", "run/);
  });

  it("keeps the job journal on a volume owned by the app's user (PATCHSMITH_DATA_DIR)", () => {
    expect(dockerfile).toMatch(/PATCHSMITH_DATA_DIR=\/var\/lib\/patchsmith\b/);
    expect(/^VOLUME (.*)$/m.exec(dockerfile)?.[1]).toContain('"/var/lib/patchsmith"');
    expect(dockerfile).toMatch(/chown patchsmith:patchsmith [^\n]*\/var\/lib\/patchsmith/);
    // The folder exists and is the app user's before USER switches to it.
    expect(dockerfile.indexOf("/var/lib/patchsmith")).toBeLessThan(dockerfile.indexOf("USER patchsmith"));
  });
});
