-- wrk request mix for scripts/load-test.sh: the paths in $PATHS_FILE, one after another per connection,
-- each connection starting at a different place so that the mix is even from the first second.

local paths = {}
for line in io.lines(os.getenv("PATHS_FILE")) do
    if line ~= "" then paths[#paths + 1] = line end
end

local counter = 0

function setup(thread)
    thread:set("offset", counter)
    counter = counter + 1
end

function init(args)
    index = offset or 0
end

function request()
    index = index + 1
    return wrk.format("GET", paths[(index % #paths) + 1])
end
