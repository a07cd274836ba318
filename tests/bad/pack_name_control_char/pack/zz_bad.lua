group "host\0ile" {
  title = "Hostile rules",
  scale = "rag",
  rating = function(a) return GREEN end,
  indicators = { "robbery" },
}
