/**
 * Lua shared by the scripts that read a first-come queue's turns list
 * (`QueueRedisKeys.turns`). An entry is `<admitted ms>|<job id>`. A turn is
 * live while its job waits, runs or waits to retry; once the job finished
 * (completed, failed for good) or is gone, its turn is over. A job whose add
 * is still on its way (admitted, not stored yet) is live for `staleMs` after
 * its admission, so a producer that died between the two frees the key.
 */
export const TURNS_LUA = `
local function nowMs()
  local t = redis.call("TIME")
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function turnId(entry)
  local bar = string.find(entry, "|", 1, true)
  return string.sub(entry, bar + 1), tonumber(string.sub(entry, 1, bar - 1))
end
local function turnLive(prefix, entry, now, staleMs)
  local id, admitted = turnId(entry)
  if redis.call("EXISTS", prefix .. id) == 1 then
    return not (redis.call("ZSCORE", prefix .. "completed", id) or redis.call("ZSCORE", prefix .. "failed", id))
  end
  return now - admitted < staleMs
end
`;

/** How long an admitted job may take to be stored before its turn counts as over. */
export const TURN_STALE_MS = 60_000;
