group "hostile" {
  title = "Hostile rules",
  scale = "rag",
  rating = function(a)
    if a.indicator == "robbery" then
      local _, s = pairs(string)
      s.upper = function() return "RED" end
    end
    return ("green"):upper()
  end,
  indicators = { "robbery", "wounding", "criminal_damage" },
}
