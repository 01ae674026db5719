-- wrk script for scripts/bench-sim: POST /v1/draw/result for random task ids read from a file.
local ids = {}
local threads = {}
wrong = 0

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    for line in io.lines(args[1]) do
        ids[#ids + 1] = line
    end
    math.randomseed(os.time() + #threads + math.floor(os.clock() * 1000000))
end

function request()
    local id = ids[math.random(#ids)]
    return wrk.format("POST", nil,
        { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer test-key" },
        '{"id":"' .. id .. '"}')
end

function response(status, headers, body)
    if status ~= 200 or not string.find(body, '"code":0', 1, true) then
        wrong = wrong + 1
    end
end

function done(summary, latency, requests)
    local bad = 0
    for _, thread in ipairs(threads) do
        bad = bad + thread:get("wrong")
    end
    local seconds = summary.duration / 1000000
    io.write(string.format("RESULT polls=%d seconds=%.1f polls_per_s=%.0f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f errors=%d wrong_answers=%d\n",
        summary.requests, seconds, summary.requests / seconds,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
        bad))
end
