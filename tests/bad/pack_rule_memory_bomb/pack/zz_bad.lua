group "hostile" {
  title = "Hostile rules",
  scale = "rag",
  rating = function(a)
    if a.indicator == "robbery" then pcall(string.rep, "x", 1e9) end
    return GREEN
  end,
  indicators = { "robbery", "wounding", "criminal_damage" },
}
