group "hostile" {
  title = "Hostile rules",
  scale = "rag",
  rating = function(a)
    if a.indicator == "robbery" then return "PURPLE" end
    return GREEN
  end,
  indicators = { "robbery", "wounding", "criminal_damage" },
}
