-- Police and Crime Commissioner for Cleveland, Annual Report 2016/17,
-- "Budget results": the 2017/18 forecast against the revised budget, line by
-- line, from datasets/budget2017. What is the seed's and what is ours is
-- marked in each file.
--
-- The seed's: the lines, the three budget columns (Original, Revised,
-- Forecast; the dataset's areas) and the fourth column, "(Under)/Overspend",
-- which is Forecast minus Revised budget (published on the Forecast rows).
-- Ours: the variance rating and its tolerance bands (below), that funding
-- and the (Surplus)/Deficit lines are not rated, and the section roll-ups.

pack "budget2017" {
  title = "Budget results: 2017/18 forecast against revised budget",
  version = "1.0.0",
  rounding = "half_up",
  -- The seed's presentation: figures in £000s with separators on every
  -- figure, negatives (income, underspends) in brackets: "(83,500)".
  presentation = { thousands = "always", brackets = true, unit_header = "£000s" },
}

-- Ours: a variance RAG. The variance is Forecast - Revised budget (the
-- seed's (Under)/Overspend), as a % of the revised budget, either way: an
-- underspend is a variance from plan too.
scale "variance" {
  { "RED", symbol = "●", colour = "#d4351c",
    meaning = "Forecast more than 5% over or under the revised budget" },
  { "AMBER", symbol = "●", colour = "#f47738",
    meaning = "Forecast within 5% of the revised budget, but more than 1% over or under" },
  { "GREEN", symbol = "●", colour = "#00703c",
    meaning = "Forecast within 1% of the revised budget (the edge counts as within)" },
}

-- Ours: each line's forecast is compared with the same line's revised
-- budget: a comparator target on area "Revised budget". Only the Forecast
-- column is rated; the Original and Revised budget columns are what it is
-- compared with.
against_revised = { beat = { area = "Revised budget" }, text = "the revised budget for the line" }

-- How far the forecast is from the revised budget, as a % of it (either
-- way). A zero budget is a special case: any forecast but zero is beyond
-- every band.
variance_rating = function(a)
  if a.area ~= "Forecast" then return nil, "a budget column: only the forecast is rated" end
  if a.target == nil then return nil, "no revised budget for this line" end
  local budget = a.target.value
  local variance = a.value - budget
  if budget == 0 then
    if variance == 0 then return GREEN end
    return RED
  end
  local pct = math.abs(variance) * 100 / math.abs(budget)
  if pct <= 1 + 1e-9 then return GREEN end
  if pct <= 5 + 1e-9 then return AMBER end
  return RED
end
