-- wrk script: cycle through COUNT distinct Accept-Language headers shaped like real browsers'.
--
--   wrk -t2 -c32 -d10s -s bench/accept_language.lua URL -- SEED [COUNT]
--
-- Each header is built the way browsers build them: one to four languages, a region on most
-- (es-MX, pt-BR, zh-TW, es-419), the bare language after its regional form (Chrome), q-values
-- falling by 0.1 (Chrome/Firefox) or in odd steps (0.875: custom client libraries), optional
-- spaces after commas, an occasional "*;q=0.5" and odd case. The same SEED gives the same list
-- (give a new one each round); every thread walks the list from its own offset, so the COUNT
-- headers (20,000 by default) are all in flight within a run. Requests are formatted once in
-- init() so that wrk spends its time sending, not building strings.

local LANGS = {
  {"en", {"US", "GB", "AU", "CA", "IN", "NG", "ZA", "IE", "PH"}, 30},
  {"es", {"ES", "MX", "US", "AR", "CO", "CL", "PE", "419"}, 18},
  {"fr", {"FR", "CA", "BE", "CH", "SN", "CI"}, 8},
  {"de", {"DE", "AT", "CH"}, 6},
  {"pt", {"BR", "PT", "AO", "MZ"}, 7},
  {"zh", {"CN", "TW", "HK", "SG"}, 7},
  {"ar", {"SA", "EG", "AE", "MA", "DZ"}, 6},
  {"it", {"IT", "CH"}, 3},
  {"ru", {"RU", "UA", "KZ"}, 3},
  {"nl", {"NL", "BE"}, 2},
  {"ja", {"JP"}, 2},
  {"ko", {"KR"}, 2},
  {"hi", {"IN"}, 2},
  {"tr", {"TR"}, 1},
  {"pl", {"PL"}, 1},
  {"vi", {"VN"}, 1},
  {"uk", {"UA"}, 1},
  {"fa", {"IR", "AF"}, 1},
  {"he", {"IL"}, 1},
  {"ca", {"ES"}, 1},
  {"sw", {"KE", "TZ"}, 1},
  {"tl", {"PH"}, 1},
}

local total_weight = 0
for _, lang in ipairs(LANGS) do total_weight = total_weight + lang[3] end

local function pick_language()
  local r = math.random() * total_weight
  for _, lang in ipairs(LANGS) do
    r = r - lang[3]
    if r <= 0 then return lang end
  end
  return LANGS[1]
end

local function tags_for(lang)
  local code, regions = lang[1], lang[2]
  local region = regions[math.random(#regions)]
  local roll = math.random()
  if roll < 0.65 then return {code .. "-" .. region, code} end   -- Chrome: es-MX,es
  if roll < 0.85 then return {code .. "-" .. region} end          -- Safari: es-MX
  if roll < 0.93 then return {code} end
  return {code .. "-" .. region:lower()}                          -- odd case: es-mx
end

local function header()
  local seen, tags = {}, {}
  for _ = 1, math.random(1, 4) do
    for _, tag in ipairs(tags_for(pick_language())) do
      if not seen[tag:lower()] then
        seen[tag:lower()] = true
        tags[#tags + 1] = tag
      end
    end
  end
  if math.random() < 0.08 then tags[#tags + 1] = "*" end
  local step = ({0.1, 0.1, 0.1, 0.05, 0.125, 0.2})[math.random(6)]
  local sep = math.random() < 0.8 and "," or ", "
  local parts = {}
  for i, tag in ipairs(tags) do
    if i == 1 and math.random() < 0.9 then
      parts[i] = tag
    else
      local q = math.max(0.1, 1 - step * (i - 1))
      local text = string.format("%.3f", q):gsub("0+$", ""):gsub("%.$", "")
      if math.random() < 0.03 then text = text .. "0" end
      parts[i] = tag .. ";q=" .. text
    end
  end
  return table.concat(parts, sep)
end

local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

local requests, position

function init(args)
  local seed = tonumber(args[1]) or os.time()
  local count = tonumber(args[2]) or 20000
  math.randomseed(seed)
  local seen, list, attempts = {}, {}, 0
  while #list < count and attempts < count * 50 do
    attempts = attempts + 1
    local value = header()
    if not seen[value] then
      seen[value] = true
      list[#list + 1] = wrk.format("GET", nil, {
        ["Host"] = wrk.host .. ":" .. wrk.port,
        ["Accept-Encoding"] = "identity",
        ["Accept-Language"] = value,
      })
    end
  end
  requests = list
  position = (id or 0) * 7919 % #list
end

function request()
  position = position % #requests + 1
  return requests[position]
end

