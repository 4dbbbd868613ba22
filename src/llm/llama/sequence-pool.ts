import type { LlamaContextSequence } from "node-llama-cpp";

export interface SequencePool {
  /** A free sequence; waits for one, and gives up when `signal` aborts. */
  acquire(signal: AbortSignal): Promise<LlamaContextSequence>;
  release(sequence: LlamaContextSequence): void;
}

/** Hands the context's sequences out one request at a time, first come first served. */
export function createSequencePool(sequences: readonly LlamaContextSequence[]): SequencePool {
  const free = [...sequences];
  const waiting: { resolve: (sequence: LlamaContextSequence) => void; reject: (reason: unknown) => void; signal: AbortSignal; onAbort: () => void }[] = [];
  return {
    acquire(signal) {
      if (signal.aborted) return Promise.reject(signal.reason as Error);
      const sequence = free.pop();
      if (sequence !== undefined) return Promise.resolve(sequence);
      return new Promise((resolve, reject) => {
        const entry = {
          resolve,
          reject,
          signal,
          onAbort: () => {
            const index = waiting.indexOf(entry);
            if (index >= 0) waiting.splice(index, 1);
            reject(signal.reason as Error);
          },
        };
        signal.addEventListener("abort", entry.onAbort, { once: true });
        waiting.push(entry);
      });
    },
    release(sequence) {
      const next = waiting.shift();
      if (next === undefined) {
        free.push(sequence);
        return;
      }
      next.signal.removeEventListener("abort", next.onAbort);
      next.resolve(sequence);
    },
  };
}
