group "hostile" {
  title = "Hostile rules",
  scale = "rag",
  rating = math.floor,
  indicators = { "robbery" },
}
