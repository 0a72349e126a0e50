-- wrk script for POST /v1/messages: wrk -t2 -c64 -d30s --latency -s messages.lua URL
-- The API key comes from the environment (STREAMDESK_API_KEY); each request names one of
-- 10,000 conversations in turn.
local key = os.getenv("STREAMDESK_API_KEY") or ""
local counter = 0

request = function()
  counter = counter + 1
  local body = string.format(
    '{"conversationId":"wrk-%d","text":"Where is my order? It was due yesterday.","locale":"en-US"}',
    counter % 10000)
  return wrk.format("POST", "/v1/messages",
    { ["Content-Type"] = "application/json", ["X-API-Key"] = key }, body)
end
