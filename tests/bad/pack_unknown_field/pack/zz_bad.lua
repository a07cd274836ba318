group "x" { title = "X", scale = "rag", indicatrs = { "robbery" } }
