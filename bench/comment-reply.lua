-- wrk script for bench/comments.sh: POST /3/comment/{id} (a reply, form field comment) to a random comment of the file
-- REPLY_IDS (one id a line) with a random Bearer token of the file REPLY_TOKENS (one a line) per request.
local ids, tokens = {}, {}
for line in io.lines(os.getenv("REPLY_IDS")) do ids[#ids + 1] = line end
for line in io.lines(os.getenv("REPLY_TOKENS")) do tokens[#tokens + 1] = line end
assert(#ids > 0 and #tokens > 0, "REPLY_IDS and REPLY_TOKENS must name non-empty files")

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
  local body = "comment=bench+reply+" .. (tid or 0) .. "-" .. n
  return wrk.format("POST", "/3/comment/" .. ids[math.random(#ids)],
    { ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)],
      ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end
