local limits = nil
local n = limits.count + 1
