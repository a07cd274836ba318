-- The seed's sections in the seed's order. Ours: no overall rating; each
-- expenditure section has its own (its worst line).

theme "budget" {
  title = "Budget results 2017/18",
  groups = { "funding", "opcc", "pcc_initiatives", "corporate", "force", "reserves" },
}
