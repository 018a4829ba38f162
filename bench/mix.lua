-- wrk script: cycles through the paths in the file given after "--" (one a line), sent as from a
-- TLS proxy; counts every response that is not 2xx and prints one summary line.
local threads = {}
function setup(thread) table.insert(threads, thread) end

function init(args)
  paths, i, bad = {}, 0, 0
  for line in io.lines(args[1]) do table.insert(paths, line) end
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], { ["X-Forwarded-Proto"] = "https" })
end

function response(status, headers, body)
  if status < 200 or status > 299 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local non2xx = 0
  for _, t in ipairs(threads) do non2xx = non2xx + t:get("bad") end
  local e = summary.errors
  io.write(string.format("RESULT requests %d in %.1f s = %.1f requests/s; latency p50 %.0f ms, p99 %.0f ms, " ..
    "max %.0f ms; non-2xx %d; socket errors %d (timeouts %d)\n", summary.requests, summary.duration / 1e6,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, non2xx, e.connect + e.read + e.write + e.timeout, e.timeout))
end
