import { describe, expect, it } from "vitest";
import { changedPrivateMembers } from "../../src/analyze/changed-private-members.js";

const BASE = [
  "export class Timer {",
  "  private delay = 1;",
  "  private readonly jobs: string[] = [];",
  "  #secret = 1;",
  "  constructor(private readonly name: string, public label: string) {}",
  "  run(): void {}",
  "}",
  "",
].join("\n");

describe("changedPrivateMembers", () => {
  it("names the private members whose declaration changed, was added or removed", () => {
    const head = BASE.replace("private delay = 1;", 'private delay = "1";').replace("private readonly jobs: string[] = [];", "private start(): void {}");
    expect([...changedPrivateMembers("a.ts", BASE, head)].sort()).toEqual(["delay", "jobs", "start"]);
  });

  it("names a changed private parameter property, and no #private member or public one", () => {
    const head = BASE.replace("private readonly name: string", "private readonly name: number").replace("#secret = 1", "#secret = 2").replace("run(): void {}", "run(): number { return 1; }");
    expect([...changedPrivateMembers("a.ts", BASE, head)]).toEqual(["name"]);
  });

  it("names nothing when no private member changed", () => {
    expect(changedPrivateMembers("a.ts", BASE, BASE.replace("run(): void {}", "run(): void { return; }")).size).toBe(0);
  });
});
