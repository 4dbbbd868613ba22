import { describe, expect, it } from "vitest";
import type { CommandHandler } from "../../src/commands/command-context.js";
import { handleScanCommand } from "../../src/commands/handle-scan-command.js";
import { createInProcessQueue } from "../../src/jobs/create-in-process-queue.js";
import { enqueueScan } from "../../src/scan/enqueue-scan.js";
import type { ScanJob } from "../../src/scan/scan-job.js";
import { createTestLog } from "../helpers/create-test-log.js";

const job = { deliveryId: "d-1", installationId: 7, owner: "octo", repo: "shop", author: "mona" };

// It fits the command dispatcher's table as it is (CommandDeps gains `enqueueScan` when wired).
const asCommandHandler: CommandHandler = handleScanCommand;

describe("handleScanCommand", () => {
  it("is a command handler", () => {
    expect(asCommandHandler).toBe(handleScanCommand);
  });

  it("queues one scan of the repository per comment and says where the report goes", async () => {
    const queue = createInProcessQueue<ScanJob>({ log: createTestLog().log });
    const added: ScanJob[] = [];
    const deps = {
      log: createTestLog().log,
      enqueueScan: (scan: ScanJob) => {
        added.push(scan);
        return enqueueScan(queue, scan);
      },
    };
    const first = await handleScanCommand({ job, deps });
    expect(first.ok).toBe(true);
    expect(first.body).toContain("A scan of `octo/shop`'s default branch is queued (asked by `mona`).");
    expect(first.body).toContain("`patchsmith-scan`");
    expect(added).toEqual([{ kind: "scan", installationId: 7, owner: "octo", repo: "shop", trigger: "command", occurrence: "command:d-1", requestedBy: "mona" }]);
    const again = await handleScanCommand({ job, deps });
    expect(again).toEqual({ ok: true, body: "This scan is already queued; its report will follow." });
    await queue.close();
  });

  it("says so when this instance has no scans set up", async () => {
    const result = await handleScanCommand({ job, deps: { log: createTestLog().log } });
    expect(result.ok).toBe(false);
    expect(result.body).toMatch(/not set up/);
  });
});
