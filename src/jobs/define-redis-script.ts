import type { Redis } from "ioredis";

/** A Lua script on one Redis connection: `keys` become KEYS, `args` ARGV; resolves to the script's reply. */
export type RedisScript = (keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown>;

/**
 * Define a Lua script once on `redis` (ioredis `defineCommand`: EVALSHA, and
 * EVAL the first time Redis does not know it); a call is one round trip and
 * runs atomically. `numberOfKeys` fixes how many of the arguments are keys.
 */
export function defineRedisScript(redis: Redis, params: { readonly name: string; readonly lua: string; readonly numberOfKeys: number }): RedisScript {
  redis.defineCommand(params.name, { lua: params.lua, numberOfKeys: params.numberOfKeys });
  const command: unknown = Reflect.get(redis, params.name);
  if (typeof command !== "function") throw new Error(`ioredis did not define the script ${params.name}`);
  return (keys, args) => {
    if (keys.length !== params.numberOfKeys) throw new Error(`Script ${params.name} takes ${String(params.numberOfKeys)} keys, got ${String(keys.length)}`);
    return Promise.resolve(Reflect.apply(command, redis, [...keys, ...args]) as unknown);
  };
}
