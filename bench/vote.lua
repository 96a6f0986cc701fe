-- wrk script for bench/gallery.sh: POST /3/gallery/{id}/vote/{up|down}, a random post from the file VOTE_IDS (one id a
-- line) and a random Bearer token from the file VOTE_TOKENS (one a line) per request, up and down alternating.
local ids, tokens = {}, {}
for line in io.lines(os.getenv("VOTE_IDS")) do ids[#ids + 1] = line end
for line in io.lines(os.getenv("VOTE_TOKENS")) do tokens[#tokens + 1] = line end
assert(#ids > 0 and #tokens > 0, "VOTE_IDS and VOTE_TOKENS must name non-empty files")

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local n = 0
function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
end

function request()
  n = n + 1
  local id = ids[math.random(#ids)]
  local token = tokens[math.random(#tokens)]
  local vote = (n % 2 == 0) and "up" or "down"
  return wrk.format("POST", "/3/gallery/" .. id .. "/vote/" .. vote,
    { ["Authorization"] = "Bearer " .. token, ["Content-Length"] = "0" })
end
