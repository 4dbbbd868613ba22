import type { Worker } from "node:worker_threads";
import type { FromWorkerMessage } from "./review-worker-protocol.js";

/** One worker of the pool; the review holding it sets the handlers. */
export interface PooledWorker {
  readonly worker: Worker;
  /** False once the worker stopped or was terminated: post nothing more to it. */
  readonly alive: boolean;
  /** Why it stopped, once `alive` is false: for a review that took the worker in the moment before it stopped. */
  readonly stopError?: Error | undefined;
  onMessage?: ((message: FromWorkerMessage) => void) | undefined;
  /** Told once, when the worker stops under the review that holds it. */
  onStop?: ((error: Error) => void) | undefined;
}

export interface WorkerPool {
  /** A warm idle worker, a new one while the pool has room, or the next one freed (in order of asking). */
  acquire(signal?: AbortSignal): Promise<PooledWorker>;
  /** Back to the pool, warm, for the next review. */
  release(worker: PooledWorker): void;
  /** Terminate it (it is stuck, or its state cannot be trusted); a fresh one takes its place when needed. */
  discard(worker: PooledWorker): void;
  /** Reject the waiting, stop every worker (its review is told through onStop), and refuse new work. */
  close(): Promise<void>;
}

export interface WorkerPoolOptions {
  readonly size: number;
  readonly start: () => Worker;
  /** Why a worker stopped, as the error its review rejects with. */
  readonly stopError: (cause: { readonly error: Error } | { readonly exitCode: number }) => Error;
  /** The error for reviews that wait, or arrive, once the pool is closed. */
  readonly closedError: (running: boolean) => Error;
}

interface Slot extends PooledWorker {
  alive: boolean;
  busy: boolean;
  stopError?: Error | undefined;
}

interface Waiter {
  readonly resolve: (worker: PooledWorker) => void;
  readonly reject: (error: Error) => void;
}

/**
 * A fixed number of worker threads, started when first needed and kept warm
 * between reviews. Each worker serves one review at a time; reviews beyond the
 * pool wait in order. A worker that stops (out of memory, an uncaught error,
 * an exit) fails only the review it held and is replaced on the next request.
 */
export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const slots: Slot[] = [];
  const waiters: Waiter[] = [];
  let closed = false;

  const stop = (slot: Slot, error: Error): void => {
    if (!slot.alive) return;
    slot.alive = false;
    slot.stopError = error;
    slots.splice(slots.indexOf(slot), 1);
    const onStop = slot.onStop;
    slot.onStop = undefined;
    slot.onMessage = undefined;
    onStop?.(error);
    void slot.worker.terminate();
    serveWaiters();
  };

  const spawn = (): Slot => {
    const worker = options.start();
    const slot: Slot = { worker, alive: true, busy: true };
    worker.on("message", (message: FromWorkerMessage) => {
      if (slot.alive) slot.onMessage?.(message);
    });
    worker.on("error", (error) => {
      stop(slot, options.stopError({ error }));
    });
    // A message that cannot be read would leave its review waiting for an answer that never comes.
    worker.on("messageerror", (error) => {
      stop(slot, options.stopError({ error }));
    });
    worker.on("exit", (exitCode) => {
      stop(slot, options.stopError({ exitCode }));
    });
    slots.push(slot);
    return slot;
  };

  /** A worker for the next review, or undefined when all are busy and the pool is full. */
  const take = (): Slot | undefined => {
    const idle = slots.find((slot) => !slot.busy);
    if (idle !== undefined) {
      idle.busy = true;
      idle.worker.ref();
      return idle;
    }
    return slots.length < options.size ? spawn() : undefined;
  };

  const serveWaiters = (): void => {
    while (!closed && waiters.length > 0) {
      let slot: Slot | undefined;
      try {
        slot = take();
      } catch (error) {
        waiters.shift()?.reject(error as Error);
        continue;
      }
      if (slot === undefined) return;
      waiters.shift()?.resolve(slot);
    }
  };

  return {
    async acquire(signal) {
      if (closed) throw options.closedError(false);
      signal?.throwIfAborted();
      const slot = waiters.length === 0 ? take() : undefined;
      if (slot !== undefined) return slot;
      return new Promise((resolve, reject) => {
        const onAbort = (): void => {
          const index = waiters.indexOf(waiter);
          if (index >= 0) waiters.splice(index, 1);
          reject(signal?.reason as Error);
        };
        const waiter: Waiter = {
          resolve: (worker) => {
            signal?.removeEventListener("abort", onAbort);
            resolve(worker);
          },
          reject: (error) => {
            signal?.removeEventListener("abort", onAbort);
            reject(error);
          },
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        waiters.push(waiter);
      });
    },
    release(worker) {
      const slot = worker as Slot;
      if (!slot.alive) return;
      slot.onMessage = undefined;
      slot.onStop = undefined;
      slot.busy = false;
      // An idle worker does not keep the process alive (a CLI run ends when its review does).
      slot.worker.unref();
      serveWaiters();
    },
    discard(worker) {
      const slot = worker as Slot;
      if (!slot.alive) return;
      slot.onStop = undefined;
      stop(slot, new Error("discarded"));
    },
    async close() {
      closed = true;
      for (const waiter of waiters.splice(0)) waiter.reject(options.closedError(false));
      const stopping = [...slots];
      for (const slot of stopping) stop(slot, options.closedError(true));
      await Promise.all(stopping.map((slot) => slot.worker.terminate()));
    },
  };
}
