/**
 * `promise`'s outcome if it settles within `ms`, else `onTimeout()`'s (a value,
 * or a throw). For calls that must answer while Redis is down: ioredis queues
 * commands until it reconnects, so without this they would wait forever.
 */
export async function withinMs<T>(promise: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => {
      try {
        resolve(onTimeout());
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    }, ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

