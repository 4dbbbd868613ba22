/**
 * The Redis keys patchsmith keeps beside one BullMQ queue's own (all under
 * `patchsmith:<queue>:`), and the prefix of the queue's job hashes.
 */
export interface QueueRedisKeys {
  /** The per-key lock: held while a job of `key` runs (value: owner, a space, the job id). */
  lock(key: string): string;
  /** The newest job id added for `key` (coalescing queues: the one that may wait). */
  latest(key: string): string;
  /** The job ids admitted for `key`, oldest first, each as `<admitted ms>|<job id>` (first-come queues). */
  turns(key: string): string;
  /** The pub/sub channel on which `add` asks the worker running a superseded job to stop it. */
  readonly supersede: string;
  /** BullMQ's key prefix of this queue (`bull:<queue>:`): job hashes and state sets are under it. */
  readonly jobPrefix: string;
}

export function queueRedisKeys(params: { readonly name: string; readonly jobPrefix: string }): QueueRedisKeys {
  const base = `patchsmith:${params.name}`;
  return {
    lock: (key) => `${base}:lock:${key}`,
    latest: (key) => `${base}:waiting:${key}`,
    turns: (key) => `${base}:turns:${key}`,
    supersede: `${base}:supersede`,
    jobPrefix: params.jobPrefix,
  };
}
