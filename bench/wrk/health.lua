-- wrk script of `bin/pipeline bench serve` for the GET /health baseline: no change to the request, only the same
-- machine-readable summary line as recommend.lua (percentiles in microseconds).

function done(summary, latency, requests)
  io.write(string.format("BENCH requests=%d seconds=%.3f p50us=%d p99us=%d maxus=%d non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99), latency.max,
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
