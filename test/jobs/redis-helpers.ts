/** Resolves once `check` holds, polling every 20 ms (no time limit: the test's own timeout applies). */
export async function until(check: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** A promise the test opens when it likes. */
export interface Gate {
  readonly promise: Promise<void>;
  open(): void;
}

export function gate(): Gate {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** Wait `ms`, ignoring any abort (a job that is slow to stop). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Counts jobs of one key running at once in this test process; `overlaps` is how often two ran together. */
export function overlapRecorder(): { enter(key: string): void; leave(key: string): void; readonly overlaps: string[] } {
  const running = new Map<string, number>();
  const overlaps: string[] = [];
  return {
    overlaps,
    enter(key) {
      const now = (running.get(key) ?? 0) + 1;
      running.set(key, now);
      if (now > 1) overlaps.push(key);
    },
    leave(key) {
      running.set(key, (running.get(key) ?? 1) - 1);
    },
  };
}
