group "psa1" { title = "Again", scale = "rag", indicators = { "robbery" } }
