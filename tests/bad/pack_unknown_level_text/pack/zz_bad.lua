group "x" { title = "X", scale = "rag", rating = first { { improved, "PURPLE" }, { otherwise, "RED" } },
  indicators = { "robbery" } }
