-- wrk script: POST /api/ask over real questions, one per line of the file named by
-- FATIAO_LOAD_QUESTIONS (made by benches/load/run.sh from ../shared/eval/questions.jsonl).
local questions = {}
local i = 0

local function json_string(s)
  return '"' .. s:gsub('[%c"\\]', function(c) return string.format("\\u%04x", string.byte(c)) end) .. '"'
end

function init(args)
  for line in io.lines(os.getenv("FATIAO_LOAD_QUESTIONS")) do
    questions[#questions + 1] = '{"question":' .. json_string(line) .. '}'
  end
end

function request()
  i = i % #questions + 1
  return wrk.format("POST", "/api/ask", { ["Content-Type"] = "application/json" }, questions[i])
end
