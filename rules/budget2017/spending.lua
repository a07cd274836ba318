-- Planned expenditure: the Office of the PCC, PCC Initiatives/Victims and
-- Witnesses, Corporate Costs and the Police Force.
--
-- The seed's: the sections, lines and figures, and the (Under)/Overspend
-- (Forecast - Revised budget) printed beside each forecast. Totals are
-- sum_of lines in the dataset.
-- Ours: polarity lower is better (in the dataset), so the comparator
-- target's distance is Forecast - Revised budget: negative under, positive
-- over, the seed's fourth column. The variance rating is in pack.lua. A
-- section's rating is its worst rated line (totals included).

local sections = {
  { "opcc", "Office of the PCC Planned Expenditure",
    { "opcc_staff_pay", "opcc_non_pay", "opcc_total" } },
  { "pcc_initiatives", "PCC Initiatives/Victims and Witnesses",
    { "pcc_initiatives", "victims_witnesses_services", "pcc_initiatives_total" } },
  { "corporate", "Corporate Costs",
    { "corporate_staff_pay", "corporate_non_pay", "corporate_pfi", "corporate_asset_management", "corporate_total" } },
  { "force", "Police Force Planned Expenditure",
    { "force_police_pay", "force_police_overtime", "force_staff_pay", "force_pcso_pay", "force_pay_total",
      "force_major_contracts_total",
      "force_other_pay_training", "force_injury_medical_pensions", "force_premises",
      "force_supplies_services", "force_transport", "force_external_support", "force_non_pay",
      "force_total" } },
}

for _, s in ipairs(sections) do
  group(s[1]) {
    title = s[2],
    theme = "budget",
    target = against_revised,
    scale = "variance",
    rating = variance_rating,
    rollup = worst,
    comment = "{distance} against revised budget {target}",
    indicators = s[3],
  }
end
