group "hostile" {
  title = "Hostile rules",
  scale = "rag",
  rating = function(a)
    local function down(n) return 1 + down(n + 1) end
    if a.indicator == "robbery" then down(1) end
    return GREEN
  end,
  indicators = { "robbery", "wounding", "criminal_damage" },
}
