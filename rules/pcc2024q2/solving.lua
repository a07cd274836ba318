-- Solving crime in Cleveland: Cleveland vs National charge rate 2023/24
-- (ONS charging outcome data, 12 months to March 2024).
--
-- The seed's: the categories, both columns and the claim that Cleveland's
-- rates are "broadly higher than national averages". Polarity (ours, in the
-- dataset): higher is better. One year only, so there is no arrow.
-- Ours: each Cleveland rate is compared with the national rate for the same
-- category (a comparator target on area "National"). GREEN at or above the
-- national rate; AMBER below it by 1 percentage point or less; RED more than
-- 1 point below. The National rows are the comparator: declared so, they
-- are shown as the "National" column beside Cleveland's rates, as the seed
-- prints them, and are neither rated nor counted as indicators.

group "charge_rates" {
  title = "Solving crime in Cleveland – Cleveland vs National charge rate 2023/24",
  theme = "delivery",
  target = { beat = { area = "National" }, text = "at or above the national charge rate" },
  scale = "rag",
  comparators = { "National" },
  rating = function(a)
    if a.target == nil then return nil, "no national rate to compare with" end
    if a:met() then return GREEN end
    -- 1e-9: 2.2 - 1.2 is 1.0000000000000002 in binary; the edge is AMBER.
    if a.target.distance <= 1 + 1e-9 then return AMBER end
    return RED
  end,
  presentation = { changes = {} },  -- one year only: no change columns
  indicators = {
    "charge_rate_all_crime", "charge_rate_domestic_burglary",
    "charge_rate_violence_against_the_person", "charge_rate_robbery",
    "charge_rate_shoplifting", "charge_rate_sexual_offences",
    "charge_rate_possession_of_weapons",
  },
}
