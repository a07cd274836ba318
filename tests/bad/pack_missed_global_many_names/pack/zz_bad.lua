-- 120,000 global names of 200 characters, then a loop that misses a global
-- under pcall: each miss looks for the closest name to suggest.
local long = string.rep("indicator_", 20)
for i = 1, 120000 do
  _ENV[long .. i] = i
end
local misses = { long .. "missing", string.rep("indicator_", 6), long:sub(1, 40) .. "x" }
for i = 1, 100000000 do
  pcall(function() return _ENV[misses[i % 3 + 1]] end)
end
