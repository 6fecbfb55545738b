-- wrk script for scripts/bench-ingest.sh. One file, three modes:
--   wrk ... -s wrk.lua -- ping
--   wrk ... -s wrk.lua -- order  TOKEN ORDER_IDS_FILE
--   wrk ... -s wrk.lua -- path   TOKEN PATH
--   wrk ... -s wrk.lua -- events TOKEN LEGS_FILE BATCH_SIZE PER_SHIPMENT
--   wrk ... -s wrk.lua -- orderpage TOKEN ORDER_IDS_FILE   (the seller's order page)
--   wrk ... -s wrk.lua -- buyer - BUYER_PATHS_FILE          (buyer pages, no token)
--   wrk ... -s wrk.lua -- paths TOKEN PATHS_FILE            (any paths, e.g. searches)
-- PER_SHIPMENT new scans go to each shipment in a batch: 1 is the worst
-- case (every event a different shipment to re-diagnose); a carrier push
-- usually carries several scans of the same parcel.
-- Each thread writes its own events (a thread id and a counter in the
-- location keep every event new), so the server stores, not deduplicates.
-- `done` prints one RESULT line the shell script reads.

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("thread_id", next_id)
  table.insert(threads, thread)
end

local function read_lines(path)
  local lines = {}
  for line in io.lines(path) do
    if #line > 0 then table.insert(lines, line) end
  end
  if #lines == 0 then error("no lines in " .. path) end
  return lines
end

-- Scan texts a Korean carrier or Cainiao might send, by carrier.
local scans = {
  ["cn.cainiao"] = { { "SC_OUTBOUND_SUCCESS", "离开【义乌转运中心】，发往【威海口岸】" },
                     { "CC_EX_START", "出口报关开始" } },
  ["kr.cjlogistics"] = { { "41", "간선상차" }, { "44", "간선하차" }, { "82", "배송출발" } },
  ["kr.hanjin"] = { { "", "간선 하차되었습니다" }, { "", "배송준비중입니다" } },
  ["kr.lotte"] = { { "10", "상품 이동중" }, { "20", "배송 출발" } },
  ["kr.logen"] = { { "", "터미널입고" }, { "", "배송출고" } },
  ["kr.epost"] = { { "", "발송" }, { "", "도착" } },
}
local default_scans = { { "", "이동중" } }

local mode, token, batch_size, per_shipment
local legs, order_ids, fixed_path
-- Globals, not locals: `done` reads the totals through thread:get.
counter, accepted, duplicates, unmatched = 0, 0, 0, 0
local headers = {}
local epoch = os.time()

function init(args)
  mode = args[1] or "ping"
  token = args[2]
  if token and token ~= "-" then headers["Authorization"] = "Bearer " .. token end
  if mode == "order" or mode == "orderpage" or mode == "buyer" or mode == "paths" then
    order_ids = read_lines(args[3])
  elseif mode == "path" then
    fixed_path = args[3]
  elseif mode == "events" then
    headers["Content-Type"] = "application/json"
    batch_size = tonumber(args[4] or "500")
    per_shipment = tonumber(args[5] or "1")
    legs = {}
    for _, line in ipairs(read_lines(args[3])) do
      local carrier, number = line:match("^([^\t]+)\t(.+)$")
      table.insert(legs, { carrier = carrier, number = number })
    end
  end
  -- A different stretch of legs each run and thread, so repeated runs do not
  -- keep piling scans onto the same shipments.
  math.randomseed(os.time() * 64 + thread_id)
  counter = math.random(1, 2 ^ 30)
end

local function kst(seconds)
  return os.date("!%Y-%m-%dT%H:%M:%S", seconds + 9 * 3600) .. "+09:00"
end

local function events_body()
  local parts = {}
  for i = 1, batch_size do
    counter = counter + 1
    -- A stride through the legs: PER_SHIPMENT events in a row share a leg.
    local leg = legs[(math.floor(counter / per_shipment) * 104729) % #legs + 1]
    local choices = scans[leg.carrier] or default_scans
    local scan = choices[counter % #choices + 1]
    local code = scan[1] ~= "" and string.format('"code":"%s",', scan[1]) or ""
    parts[i] = string.format(
      '{"source":"%s","carrier":"%s","trackingNumber":"%s","time":"%s",%s"text":"%s","location":"BENCH-%d-%d"}',
      leg.carrier, leg.carrier, leg.number, kst(epoch - 3600 - (counter % 86400)), code, scan[2],
      thread_id, counter)
  end
  return '{"events":[' .. table.concat(parts, ",") .. "]}"
end

function request()
  if mode == "order" then
    counter = counter + 1
    return wrk.format("GET", "/api/v1/orders/" .. order_ids[(counter * 104729) % #order_ids + 1], headers)
  elseif mode == "orderpage" then
    counter = counter + 1
    return wrk.format("GET", "/orders/" .. order_ids[(counter * 104729) % #order_ids + 1], headers)
  elseif mode == "buyer" or mode == "paths" then
    counter = counter + 1
    return wrk.format("GET", order_ids[(counter * 104729) % #order_ids + 1], headers)
  elseif mode == "events" then
    return wrk.format("POST", "/api/v1/events", headers, events_body())
  elseif mode == "path" then
    return wrk.format("GET", fixed_path, headers)
  end
  return wrk.format("GET", "/ping")
end

function response(status, response_headers, body)
  if mode == "events" and status == 200 then
    accepted = accepted + tonumber(body:match('"accepted":(%d+)') or "0")
    duplicates = duplicates + tonumber(body:match('"duplicates":(%d+)') or "0")
    unmatched = unmatched + tonumber(body:match('"unmatched":(%d+)') or "0")
  end
end

function done(summary, latency, requests)
  local totals = { accepted = 0, duplicates = 0, unmatched = 0 }
  for _, thread in ipairs(threads) do
    for key, _ in pairs(totals) do totals[key] = totals[key] + (thread:get(key) or 0) end
  end
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f failed=%d accepted=%d duplicates=%d unmatched=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000,
    latency.max / 1000, errors.connect + errors.read + errors.write + errors.status + errors.timeout,
    totals.accepted, totals.duplicates, totals.unmatched))
end
