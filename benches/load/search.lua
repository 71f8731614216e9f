-- wrk script: GET /api/search over real questions, one per line of the file named by
-- FATIAO_LOAD_QUESTIONS (made by benches/load/run.sh from ../shared/eval/questions.jsonl).
local questions = {}
local i = 0

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  for line in io.lines(os.getenv("FATIAO_LOAD_QUESTIONS")) do
    questions[#questions + 1] = urlencode(line)
  end
end

function request()
  i = i % #questions + 1
  return wrk.format("GET", "/api/search?limit=10&q=" .. questions[i])
end
