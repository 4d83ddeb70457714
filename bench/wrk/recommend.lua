-- wrk script of `bin/pipeline bench serve`: POST /api/v1/recommendations with random anonymous sessions of 1-5
-- items known to the served model, k=20.
-- Usage: wrk -t2 -c64 -d20s --latency -s bench/wrk/recommend.lua http://127.0.0.1:PORT -- VOCABULARY_TSV [K] [SEED] [FILTERS]
-- VOCABULARY_TSV is the model's vocabulary.tsv (itemId TAB count per line); FILTERS, JSON members added to every body
-- (such as "excludeSeen":true,"categories":["q0","q1"]) for the filtered variant.

local items = {}
local k = 20
local filters = ""

function init(args)
  local path = args[1]
  if path == nil then
    error("recommend.lua needs the vocabulary file: wrk ... -s recommend.lua URL -- VOCABULARY_TSV [K] [SEED]")
  end
  k = tonumber(args[2] or "20")
  if args[4] ~= nil and args[4] ~= "" then
    filters = "," .. args[4]
  end
  for line in io.lines(path) do
    local id = line:match("^([^\t]+)\t")
    if id then
      items[#items + 1] = id
    end
  end
  if #items == 0 then
    error("no items in " .. path)
  end
  -- each wrk thread has its own Lua state: mix in that state's address for a stream of its own
  local address = tonumber((tostring({}):match("0x(%x+)")) or "0", 16) % 1000003
  math.randomseed(tonumber(args[3] or "1") * 7919 + address)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local n = math.random(1, 5)
  local picked = {}
  for i = 1, n do
    picked[i] = '"' .. items[math.random(1, #items)] .. '"'
  end
  local body = '{"items":[' .. table.concat(picked, ",") .. '],"k":' .. k .. filters .. '}'
  return wrk.format(nil, "/api/v1/recommendations", nil, body)
end

function done(summary, latency, requests)
  -- machine-readable line for the bench command; the percentiles are in microseconds
  io.write(string.format("BENCH requests=%d seconds=%.3f p50us=%d p99us=%d maxus=%d non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99), latency.max,
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
