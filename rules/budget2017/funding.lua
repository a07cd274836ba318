-- Funding: grants, precept and income (negative figures, as the seed prints
-- income in brackets).
--
-- The seed's: the lines and figures; Funding for Net Budget Requirement and
-- Total Funding are totals (sum_of in the dataset).
-- Ours: funding is not rated (no rating rule; polarity neutral in the
-- dataset): the variance bands judge spending against plan, and income is
-- set largely outside the PCC's control. The revised budget is still shown
-- beside the forecast.

group "funding" {
  title = "Funding",
  theme = "budget",
  target = against_revised,
  comment = "revised budget {target}",
  indicators = {
    "funding_government_grant", "funding_council_tax_precept",
    "funding_council_tax_freeze_grant", "funding_council_tax_support_grant",
    "funding_net_budget_requirement", "funding_specific_grants",
    "funding_partnership_income", "funding_total",
  },
}
