-- wrk script: HTTP/1.1 pipelining. Every write carries DEPTH requests for "/" (DEPTH is the first
-- argument after "--", 16 if absent); wrk counts the requests in the buffer, waits for that many
-- responses, and reports each response as one request in Requests/sec.
--
--   wrk -t1 -c32 -d5s -s bench/scripts/pipeline.lua http://127.0.0.1:8080/ -- 16

local batch

init = function(args)
    local depth = tonumber(args[1]) or 16
    local requests = {}
    for i = 1, depth do
        requests[i] = wrk.format("GET", "/")
    end
    batch = table.concat(requests)
end

request = function()
    return batch
end
