local seen = 0
group "hostile" {
  title = "Hostile rules",
  scale = "rag",
  rating = function(a)
    if a.indicator == "robbery" then seen = seen + 1 end
    return seen > 1 and RED or GREEN
  end,
  indicators = { "robbery", "wounding", "criminal_damage" },
}
