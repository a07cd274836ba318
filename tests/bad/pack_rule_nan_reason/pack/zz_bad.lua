group "hostile" {
  title = "Hostile rules",
  scale = "rag",
  rating = function(a)
    if a.indicator == "robbery" then return nil, 42 end
    if a.indicator == "wounding" then return 0/0 end
    return GREEN
  end,
  indicators = { "robbery", "wounding", "criminal_damage" },
}
