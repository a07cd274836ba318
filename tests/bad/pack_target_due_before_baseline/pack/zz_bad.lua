target "backwards" { indicator = "robbery", reduce_by = pct(10), from = "2006/07", by = "2003/04" }
