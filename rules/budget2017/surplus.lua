-- (Surplus)/Deficit: transfers to and from reserves and the net position.
--
-- The seed's: the lines and figures; Net (Surplus)/Deficit After Reserves
-- is the sum of total funding, the four expenditure totals and the three
-- lines above it (sum_of in the dataset).
-- Ours: not rated (no rating rule; polarity neutral in the dataset):
-- transfers are decisions about reserves, not spending against plan.

group "reserves" {
  title = "(Surplus)/Deficit",
  theme = "budget",
  target = against_revised,
  comment = "revised budget {target}",
  indicators = {
    "transfers_general_fund", "contribution_capital_programme",
    "transfers_earmarked_reserves", "net_surplus_deficit",
  },
}
