-- wrk script of the benchmark (scripts/bench.py): signed-in requests, percentiles as JSON.
-- BENCH_COOKIES holds "Cookie" header values separated by "|"; requests take them in turn,
-- so eight connections are several signed-in people, not one session row written by all.
local cookies = {}
for value in string.gmatch(os.getenv("BENCH_COOKIES") or "", "[^|]+") do
  table.insert(cookies, value)
end
local turn = 0

request = function()
  if #cookies == 0 then
    return wrk.format(nil)
  end
  turn = turn % #cookies + 1
  return wrk.format(nil, nil, { ["Cookie"] = cookies[turn] })
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "status_errors": %d, ' ..
    '"connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d, ' ..
    '"p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, "mean_ms": %.2f}\n',
    summary.requests, summary.duration, summary.bytes, e.status, e.connect, e.read, e.write,
    e.timeout, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000))
end
