import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface TempRepo {
  readonly dir: string;
  /** Write files (path → text or bytes) and commit them; a null value deletes the file. */
  commit(files: Record<string, string | Uint8Array | null>, message?: string): string;
  git(...args: string[]): string;
  remove(): void;
}

/** A throwaway git repository on branch main, for tests. */
export function createTempRepo(): TempRepo {
  const dir = mkdtempSync(path.join(os.tmpdir(), "patchsmith-test-"));
  const git = (...args: string[]): string =>
    execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", ...args], {
      cwd: dir,
      encoding: "utf8",
    });
  git("init", "-q", "-b", "main");
  return {
    dir,
    git,
    commit(files, message = "change") {
      for (const [file, content] of Object.entries(files)) {
        const full = path.join(dir, file);
        if (content === null) {
          git("rm", "-q", "--", file);
          continue;
        }
        mkdirSync(path.dirname(full), { recursive: true });
        writeFileSync(full, content);
      }
      git("add", "-A");
      git("commit", "-q", "--allow-empty", "-m", message);
      return git("rev-parse", "HEAD").trim();
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
