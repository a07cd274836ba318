-- Progress against Drugs Targets: higher is better; the DIP KPIs have
-- targets of 60%, 85% and 95%; no assessment is made without trend data.

cases "Drugs: people in treatment" {
  group = "drugs",
  indicator_id = "drug_treatment_total",
  { "more people in treatment: improved, AMBER (no target figure)",
    series = { ["2004/05"] = 474, ["2005/06"] = 541, ["2006/07"] = 568 },
    expect = { arrow = "improved", rating = "AMBER", on_track = false } },
  { "fewer people in treatment: declined, RED",
    series = { ["2005/06"] = 568, ["2006/07"] = 541 },
    expect = { arrow = "declined", rating = "RED" } },
  { "a count of 100 is not a peak (peaks are for percentages)",
    series = { ["2005/06"] = 90, ["2006/07"] = 100 },
    expect = { arrow = "improved" } },
  { "no trend data: unrated, as the seed says",
    series = { ["2006/07"] = 568 },
    expect = { arrow = "none", rating = "none", reason = "can not be made without trend data" } },
}

cases "Drugs: retained in treatment" {
  group = "drugs",
  indicator_id = "drug_treatment_retained",
  indicator = { unit = "percent", comparable_from = "2006/07" },
  { "the measurement changed in 2006/07: no comparison, no rating",
    series = { ["2004/05"] = "72%", ["2005/06"] = "45%", ["2006/07"] = "77%" },
    expect = { arrow = "none", rating = "none", reason = "measurement changed in 2006/07" } },
  { "before the change it compares as usual",
    as_at = "2005/06",
    series = { ["2004/05"] = "72%", ["2005/06"] = "45%", ["2006/07"] = "77%" },
    expect = { arrow = "declined", rating = "RED", change = -27 } },
}

cases "Drugs: DIP KPI 1 (target 60%)" {
  group = "drugs",
  indicator_id = "dip_kpi1",
  indicator = { unit = "percent" },
  { "measured for the first time: no assessment without trend data",
    series = { ["2006/07"] = "55%" },
    expect = { arrow = "none", rating = "none", on_track = false, target = 60, distance = 5 } },
  { "improved and reached 60%: GREEN",
    series = { ["2005/06"] = "50%", ["2006/07"] = "60%" },
    expect = { arrow = "improved", rating = "GREEN", met = true } },
  { "improved but short of 60%: AMBER",
    series = { ["2005/06"] = "50%", ["2006/07"] = "55%" },
    expect = { arrow = "improved", rating = "AMBER", met = false } },
  { "above target but falling: still GREEN (on track)",
    series = { ["2005/06"] = "70%", ["2006/07"] = "65%" },
    expect = { arrow = "declined", rating = "GREEN" } },
  { "below target and falling: RED",
    series = { ["2005/06"] = "58%", ["2006/07"] = "55%" },
    expect = { arrow = "declined", rating = "RED" } },
  { "100% is the peak",
    series = { ["2005/06"] = "95%", ["2006/07"] = "100%" },
    expect = { arrow = "peak", rating = "GREEN" } },
}
