-- wrk script: membership checks of random user ids against one segment.
local users = tonumber(os.getenv("BENCH_USERS") or "100000")
local code = os.getenv("BENCH_CODE") or "users_with_active_subscriptions"
local auth = "Bearer " .. (os.getenv("BENCH_TOKEN") or "")
math.randomseed(42)

request = function()
  local path = "/api/v1/user-segments/check?code=" .. code
      .. "&resolver_type=id&resolver_value=" .. math.random(1, users)
  return wrk.format("GET", path, { ["Authorization"] = auth })
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f errors=%d\n",
      summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      summary.errors.status + summary.errors.connect + summary.errors.read
          + summary.errors.write + summary.errors.timeout))
end
