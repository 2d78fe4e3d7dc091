-- XADD that trims the stream to ARGV[1] entries, oldest first, but never removes an entry that a
-- consumer group has not read yet, or has read and not acknowledged: a lagging consumer keeps its
-- backlog, and once it has caught up the stream is back to exactly ARGV[1] entries.
-- KEYS[1] = the stream; ARGV[1] = maximum length; ARGV[2], ARGV[3], ... = field, value, ...
local key = KEYS[1]
local maxlen = tonumber(ARGV[1])
local id = redis.call('XADD', key, '*', unpack(ARGV, 2))
local len = redis.call('XLEN', key)
if len <= maxlen then
  return id
end

local function parse(entry)
  local ms, seq = string.match(entry, '^(%d+)-(%d+)$')
  return ms, tonumber(seq)
end
local function before(a, b)
  local am, as = parse(a)
  local bm, bs = parse(b)
  if #am ~= #bm then return #am < #bm end
  if am ~= bm then return am < bm end
  return as < bs
end

-- the oldest entry some group still needs: its oldest pending entry, else the one after the last
-- it was given; entries before the earliest such bound may go
local bound = nil
for _, group in ipairs(redis.call('XINFO', 'GROUPS', key)) do
  local name, pending, last
  for i = 1, #group, 2 do
    if group[i] == 'name' then name = group[i + 1]
    elseif group[i] == 'pending' then pending = group[i + 1]
    elseif group[i] == 'last-delivered-id' then last = group[i + 1] end
  end
  local needed
  if pending > 0 then
    needed = redis.call('XPENDING', key, name)[2]
  else
    local ms, seq = parse(last)
    needed = ms .. '-' .. string.format('%d', seq + 1)
  end
  if bound == nil or before(needed, bound) then
    bound = needed
  end
end

local excess = len - maxlen
if bound ~= nil then
  excess = #redis.call('XRANGE', key, '-', '(' .. bound, 'COUNT', excess)
end
if excess > 0 then
  redis.call('XTRIM', key, 'MAXLEN', len - excess)
end
return id
