group "hostile" {
  title = "Hostile rules",
  scale = "rag",
  rating = function(a)
    if a.indicator == "robbery" then error("no data for robbery") end
    return GREEN
  end,
  indicators = { "robbery", "wounding", "criminal_damage" },
}
