import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { captureIo, noModelDeps } from "../helpers/cli.js";
import { createTempRepo, type TempRepo } from "../helpers/git-repo.js";

/** A Stripe-shaped live key and a secret only its context gives away (a long random password). */
const STRIPE = `sk_live_${"4eC39HqLyjWDarjtT1zdp7dc".repeat(2)}`;
const PASSWORD = "Zq8#vL2!pW9@xR4$kT7&mN3";

describe("patchsmith review never prints a secret it found", () => {
  let repo: TempRepo | undefined;
  afterEach(() => {
    repo?.remove();
    repo = undefined;
  });

  it.each(["text", "json", "markdown"])("--format %s masks the added lines holding secrets", async (format) => {
    repo = createTempRepo();
    repo.commit({ "src/ok.ts": "export const ok = 1;\n", "tsconfig.json": '{ "compilerOptions": { "strict": true } }' });
    repo.git("checkout", "-q", "-b", "feature");
    repo.commit({
      "src/pay.ts": `export const stripeKey = "${STRIPE}";\nexport const dbPassword = "${PASSWORD}";\nexport const total = 1;\n`,
    });
    const io = captureIo(repo.dir);
    await runCli(["review", "--base", "main", "--format", format], io, noModelDeps);
    const printed = io.stdoutText() + io.stderrText();
    expect(printed).toMatch(/secret\//);
    expect(printed).not.toContain(STRIPE);
    expect(printed).not.toContain(STRIPE.slice(8, 24));
    expect(printed).not.toContain(PASSWORD);
  });
});
