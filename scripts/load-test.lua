-- wrk request mix for scripts/load-test.sh: the paths in $PATHS_FILE, one after another per connection,
-- each connection starting at a different place so that the mix is even from the first second.
-- With MISS=1 every request carries a unique, ignored `nocache` parameter, so that none is answered from
-- the server's cache: the cost of computing every answer.

local paths = {}
for line in io.lines(os.getenv("PATHS_FILE")) do
    if line ~= "" then paths[#paths + 1] = line end
end

local counter = 0
local miss = os.getenv("MISS") == "1"

function setup(thread)
    thread:set("offset", counter)
    counter = counter + 1
end

function init(args)
    index = offset or 0
end

function request()
    index = index + 1
    local path = paths[(index % #paths) + 1]
    if miss then
        local separator = path:find("?", 1, true) and "&" or "?"
        path = path .. separator .. "nocache=" .. offset .. "-" .. index
    end
    return wrk.format("GET", path)
end
