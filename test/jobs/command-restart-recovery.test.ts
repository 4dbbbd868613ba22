import { mkdtemp, open, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { createApp, type AppDeps } from "../../src/app.js";
import type { CommandOutcome } from "../../src/commands/run-command-job.js";
import { readAppSettings } from "../../src/config/app-settings.js";
import { commandJobId, type CommandJob } from "../../src/jobs/command-job.js";
import { createCommandQueue } from "../../src/jobs/create-command-queue.js";
import { createInProcessQueue } from "../../src/jobs/create-in-process-queue.js";
import { createShutdown } from "../../src/jobs/create-shutdown.js";
import { openJobJournal, type JournalHandle } from "../../src/jobs/open-job-journal.js";
import { MAX_JOURNAL_STARTS } from "../../src/jobs/recover-journal.js";
import { producerOnly } from "../../src/jobs/producer-only.js";
import type { ReviewJob } from "../../src/github/review-job.js";
import { renderAnswerMarker } from "../../src/review/markers.js";
import { createMemoryScanLock } from "../../src/scan/create-memory-scan-lock.js";
import { readScanSettings } from "../../src/scan/read-scan-settings.js";
import type { ScanJob } from "../../src/scan/scan-job.js";
import { issueCommentPayload } from "../commands/comment-payloads.js";
import { nockConversationReply, nockPermission, nockReaction } from "../commands/nock-commands.js";
import { ISSUE_COMMENT_ID, PR, REPO } from "../commands/start-command-app.js";
import { createTestLog } from "../helpers/create-test-log.js";
import { createTestProbot } from "../helpers/create-test-probot.js";
import { emptyResult, fakeReviewChange } from "../helpers/fake-review-change.js";
import type { WebhookEvent } from "../helpers/load-payload.js";
import { nockConfig, nockInstallationToken, nockListIssueComments, type Sent } from "../helpers/nock-github.js";

const NOW = Date.parse("2024-05-01T12:00:00Z");
const conversation = { kind: "issue", id: ISSUE_COMMENT_ID } as const;
const HELP = issueCommentPayload("/patchsmith help", { user: { login: "drive-by", type: "User" } });

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  nock.cleanAll();
});

async function journalPath(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "command-restart-"));
  dirs.push(dir);
  return path.join(dir, `${name}-journal.jsonl`);
}

/** One process of the app: its own queues, the journals given, and what its commands ended with. */
async function start(deps: Partial<AppDeps>): Promise<{ send: (id: string, payload: Record<string, unknown>) => Promise<void>; commands: CommandOutcome[]; log: ReturnType<typeof createTestLog> }> {
  const log = createTestLog();
  const commands: CommandOutcome[] = [];
  const probot = createTestProbot();
  await probot.load(
    createApp({
      reviewChange: fakeReviewChange(emptyResult()),
      queue: createInProcessQueue<ReviewJob>({ log: log.log }),
      settings: readAppSettings({}),
      now: () => NOW,
      sleep: () => Promise.resolve(),
      log: log.log,
      appSlug: "patchsmith",
      onCommandDone: (_job, outcome) => commands.push(outcome),
      ...deps,
    }),
  );
  return { send: (id, payload) => probot.receive({ id, name: "issue_comment", payload } as unknown as WebhookEvent), commands, log };
}

/** `help` run to its end: the repository's settings, the pause state, the reply, 🚀. */
function nockHelpRun(replies: Sent, comments: Parameters<typeof nockListIssueComments>[2] = []): void {
  nockConfig(REPO, undefined);
  nockListIssueComments(REPO, PR, comments);
  nockConversationReply(REPO, PR, replies);
  nockReaction(REPO, conversation, "rocket");
}

/** The command job the help payload becomes (as the first process journaled it). */
function helpJob(deliveryId: string): CommandJob {
  return { kind: "command", deliveryId, installationId: 1, owner: REPO.owner, repo: REPO.repo, pullNumber: PR, command: { name: "help" }, author: "drive-by", comment: conversation } as CommandJob;
}

describe("slash commands in single-process mode: the command journal", () => {
  it("a command acknowledged, then the process killed before it ran: the next start runs it once", async () => {
    const file = await journalPath("command");
    // The first process takes the command (👀) but never runs it, then is killed (nothing closed, nothing more written).
    const killed = await openJobJournal<CommandJob>({ file });
    const first = await start({ commandQueue: producerOnly(createCommandQueue<CommandJob>({ log: createTestLog().log })), commandJournal: killed });
    nockInstallationToken(1);
    nockReaction(REPO, conversation, "eyes");
    await first.send("help-killed", HELP);
    expect(nock.pendingMocks()).toEqual([]);

    const reopened = await openJobJournal<CommandJob>({ file });
    expect(reopened.pending.map((entry) => [entry.data.deliveryId, entry.data.command.name, entry.starts])).toEqual([["help-killed", "help", 0]]);
    const replies: Sent = [];
    nockInstallationToken(1);
    nockHelpRun(replies);
    const second = await start({ commandJournal: reopened });
    await until(() => second.commands.length === 1);

    expect(second.commands).toEqual([{ command: "help", kind: "done", replyId: 5000 }]);
    expect(replies).toHaveLength(1);
    expect((replies[0] as { body: string }).body).toContain(renderAnswerMarker({ to: conversation, outcome: "done" }));
    expect(second.log.messages("info")).toContain("Enqueued 1 unfinished commands again (from the job journal)");
    expect(nock.pendingMocks()).toEqual([]);
    await reopened.journal.close();
    await killed.journal.close();
    const last = await openJobJournal<CommandJob>({ file });
    expect(last.pending).toEqual([]);
    await last.journal.close();
  });

  it("a command that finished is not run again at the next start", async () => {
    const file = await journalPath("command");
    const journal = await openJobJournal<CommandJob>({ file });
    const queue = createCommandQueue<CommandJob>({ log: createTestLog().log });
    const first = await start({ commandQueue: queue, commandJournal: journal });
    const replies: Sent = [];
    nockInstallationToken(1);
    nockReaction(REPO, conversation, "eyes");
    nockHelpRun(replies);
    await first.send("help-done", HELP);
    await until(() => first.commands.length === 1);
    await createShutdown({ queues: [queue], afterQueues: [journal.journal], graceMs: 10, exit: () => undefined, log: createTestLog().log })("SIGTERM");
    expect(replies).toHaveLength(1);

    const reopened = await openJobJournal<CommandJob>({ file });
    expect(reopened.pending).toEqual([]);
    // No request is expected: any would fail with nock's "no match".
    const second = await start({ commandJournal: reopened });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(second.commands).toEqual([]);
    await reopened.journal.close();
  });

  it("killed after its reply was posted but before `done` was written: the restart finds the reply (its answer marker), posts nothing, and reacts 🚀", async () => {
    const file = await journalPath("command");
    const job = helpJob("help-replied");
    const before = await openJobJournal<CommandJob>({ file });
    await before.journal.record(commandJobId(job), job);
    before.journal.started(commandJobId(job));
    await before.journal.close();

    nockInstallationToken(1);
    // The reply the killed process posted; a person's comment quoting a marker does not count.
    nockListIssueComments(REPO, PR, [
      { id: 4999, body: `> ${renderAnswerMarker({ to: conversation, outcome: "failed" })}`, user: { login: "drive-by", type: "User" } },
      { id: 5000, body: `The commands…\n\n${renderAnswerMarker({ to: conversation, outcome: "done" })}` },
    ]);
    nockReaction(REPO, conversation, "rocket");
    const after = await openJobJournal<CommandJob>({ file });
    const second = await start({ commandJournal: after });
    await until(() => second.commands.length === 1);

    expect(second.commands).toEqual([{ command: "help", kind: "done", replyId: 5000 }]);
    expect(nock.pendingMocks()).toEqual([]);
    await after.journal.close();
    const last = await openJobJournal<CommandJob>({ file });
    expect(last.pending).toEqual([]);
    await last.journal.close();
  });

  it("killed while it ran, before any reply: the restart looks for one, finds none, and answers once", async () => {
    const file = await journalPath("command");
    const job = helpJob("help-running");
    const before = await openJobJournal<CommandJob>({ file });
    await before.journal.record(commandJobId(job), job);
    before.journal.started(commandJobId(job));
    await before.journal.close();

    const replies: Sent = [];
    nockInstallationToken(1);
    nockListIssueComments(REPO, PR, [{ id: 4000, body: "An earlier review." }]);
    nockHelpRun(replies);
    const after = await openJobJournal<CommandJob>({ file });
    const second = await start({ commandJournal: after });
    await until(() => second.commands.length === 1);

    expect(second.commands).toEqual([{ command: "help", kind: "done", replyId: 5000 }]);
    expect(replies).toHaveLength(1);
    expect(nock.pendingMocks()).toEqual([]);
    await after.journal.close();
  });

  it("a command that stopped the process at each of its starts is given up: its comment gets 😕, and it is not run", async () => {
    const file = await journalPath("command");
    const job = helpJob("help-crash");
    const before = await openJobJournal<CommandJob>({ file });
    await before.journal.record(commandJobId(job), job);
    for (let i = 0; i < MAX_JOURNAL_STARTS; i++) before.journal.started(commandJobId(job));
    await before.journal.close();

    nockInstallationToken(1);
    const confused = nockReaction(REPO, conversation, "confused");
    const after = await openJobJournal<CommandJob>({ file });
    const second = await start({ commandJournal: after });
    await until(() => confused.isDone());

    expect(second.commands).toEqual([]);
    expect(second.log.messages("error")).toContain(`Gave up job ${commandJobId(job)}: it was started 3 times and never finished (did it stop the process?)`);
    await after.journal.close();
    const last = await openJobJournal<CommandJob>({ file });
    expect(last.pending).toEqual([]);
    await last.journal.close();
  });

  it("a journal that cannot be written (disk full) or does not answer: the delivery is answered 503, and the redelivery is taken once it can", async () => {
    const file = await journalPath("command");
    let disk: "full" | "hung" | "ok" = "full";
    const handles: Awaited<ReturnType<typeof open>>[] = [];
    const openAppend = async (name: string): Promise<JournalHandle> => {
      const real = await open(name, "a");
      handles.push(real);
      const write = (text: string): Promise<unknown> => (disk === "full" ? Promise.reject(new Error("ENOSPC: no space left on device")) : disk === "hung" ? new Promise(() => undefined) : real.write(text));
      return { write: write as JournalHandle["write"], datasync: () => real.datasync(), close: () => real.close() };
    };
    const journal = await openJobJournal<CommandJob>({ file, openAppend });
    const queue = createCommandQueue<CommandJob>({ log: createTestLog().log });
    const app = await start({ commandQueue: queue, commandJournal: journal, recordJobMs: 50 });

    await expect(app.send("help-503", HELP)).rejects.toMatchObject({ errors: [expect.objectContaining({ name: "JobNotRecordedError", status: 503 })] });
    await expect(app.send("help-503", HELP)).rejects.toThrow(/The command job of delivery help-503 could not be stored \(Could not write the job journal/);
    expect(queue.size()).toBe(0);

    const hung = await openJobJournal<CommandJob>({ file: await journalPath("hung"), openAppend });
    disk = "hung";
    const stalled = await start({ commandQueue: createCommandQueue<CommandJob>({ log: createTestLog().log }), commandJournal: hung, recordJobMs: 50 });
    await expect(stalled.send("help-hung", HELP)).rejects.toThrow(/The command job of delivery help-hung could not be stored within 50 ms; answered 503/);

    disk = "ok";
    const replies: Sent = [];
    nockInstallationToken(1);
    nockReaction(REPO, conversation, "eyes");
    nockHelpRun(replies);
    await app.send("help-503", HELP);
    await until(() => app.commands.length === 1);
    expect(replies).toHaveLength(1);
    expect(nock.pendingMocks()).toEqual([]);
    await journal.journal.close();
    // The hung journal cannot flush: its file is closed directly.
    for (const handle of handles) await handle.close().catch(() => undefined);
  });

  it("a scan queued by `/patchsmith scan` survives a kill: its own journal holds it, and the next start queues it again", async () => {
    const commandFile = await journalPath("command");
    const scanFile = await journalPath("scan");
    const scans = (queue: ReturnType<typeof createInProcessQueue<ScanJob>>) => ({ queue: producerOnly(queue), lock: createMemoryScanLock({ now: () => NOW }), settings: readScanSettings({}), tempDir: os.tmpdir() });
    const firstScans = createInProcessQueue<ScanJob>({ log: createTestLog().log });
    const killed = [await openJobJournal<CommandJob>({ file: commandFile }), await openJobJournal<ScanJob>({ file: scanFile })] as const;
    const first = await start({ commandJournal: killed[0], scans: scans(firstScans), scanJournal: killed[1] });
    const replies: Sent = [];
    nockInstallationToken(1);
    nockPermission(REPO, "Codertocat", "write");
    nockReaction(REPO, conversation, "eyes");
    nockConversationReply(REPO, PR, replies);
    nockReaction(REPO, conversation, "rocket");
    await first.send("scan-1", issueCommentPayload("/patchsmith scan"));
    await until(() => first.commands.length === 1);
    expect(first.commands).toEqual([{ command: "scan", kind: "done", replyId: 5000 }]);
    expect(firstScans.size()).toBe(1);

    // Killed: the scan never ran. The next start queues it again (and would run it).
    const reopened = await openJobJournal<ScanJob>({ file: scanFile });
    expect(reopened.pending.map((entry) => [entry.data.trigger, entry.data.occurrence, entry.data.requestedBy])).toEqual([["command", "command:scan-1", "Codertocat"]]);
    const secondScans = createInProcessQueue<ScanJob>({ log: createTestLog().log });
    const second = await start({ scans: scans(secondScans), scanJournal: reopened });
    await until(() => secondScans.size() === 1);
    expect(second.log.messages("info")).toContain("Enqueued 1 unfinished scans again (from the job journal)");
    expect(nock.pendingMocks()).toEqual([]);
    await reopened.journal.close();
    for (const opened of killed) await opened.journal.close();
  });
});
