group "x" {
  title = "X"
  indicators = { "robbery" },
}
