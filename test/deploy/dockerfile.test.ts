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
