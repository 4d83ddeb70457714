-- wrk script of `bin/pipeline bench events`: POST /api/v1/events with batches of view events by random users of a
-- large shop (user ids 1..100000, item ids item-1..item-20000), as a shop's front end sends them.
-- Usage: wrk -t2 -c64 -d20s --latency -s bench/wrk/events.lua http://127.0.0.1:PORT -- [EVENTS_PER_REQUEST] [SEED]

local batch = 10

function init(args)
  batch = tonumber(args[1] or "10")
  -- each wrk thread has its own Lua state: mix in that state's address for a stream of its own
  local address = tonumber((tostring({}):match("0x(%x+)")) or "0", 16) % 1000003
  math.randomseed(tonumber(args[2] or "1") * 7919 + address)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local events = {}
  for i = 1, batch do
    events[i] = '{"type":"view","userId":"u' .. math.random(1, 100000) .. '","itemId":"item-' .. math.random(1, 20000) .. '"}'
  end
  return wrk.format(nil, "/api/v1/events", nil, '{"events":[' .. table.concat(events, ",") .. ']}')
end

function done(summary, latency, requests)
  -- machine-readable line for the bench command; the percentiles are in microseconds
  io.write(string.format("BENCH requests=%d seconds=%.3f p50us=%d p99us=%d maxus=%d non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99), latency.max,
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
