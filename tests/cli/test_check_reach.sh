#!/usr/bin/env bash
# assay check: rating cases that can never apply. A case shadowed by an
# earlier one for the indicators of one polarity only (better_than(10) after
# better_than(5) where higher is better), and a fixed threshold far outside
# every value of an indicator in the dataset (a percentage written as 95
# where the sheet holds 0.61 to 0.78). Each names the pack file:line, the
# group, the case, the rating it would give and the indicator.
. "$(dirname "$0")/lib.sh"

mkdir -p "$TMP/data" "$TMP/mixed" "$TMP/units"
cat >"$TMP/data/indicators.csv" <<'CSV'
id,title,unit,polarity,decimals
answered,Calls answered,percent,higher_is_better,2
missed,Missed bins,count,lower_is_better,0
CSV
cat >"$TMP/data/observations.csv" <<'CSV'
indicator,area,period,value
answered,Westshire,2023/24,0.61
answered,Westshire,2024/25,0.78
missed,Westshire,2023/24,40
missed,Westshire,2024/25,55
CSV

# One table for both: better_than(5), then better_than(10). For 'answered'
# (higher is better) every value of 10 or more is 5 or more already, so case 2
# never applies to it; for 'missed' (lower is better) a value of 7 is 10 or
# less but not 5 or less, so case 2 still applies to 'missed'.
cat >"$TMP/mixed/pack.lua" <<'LUA'
pack "mixed" { title = "Mixed", version = "1.0.0" }
scale "rag" { { "RED" }, { "AMBER" }, { "GREEN" } }
group "kpis" {
  title = "KPIs", arrow = arrow.last_two { }, scale = "rag",
  rating = first {
    { better_than(5), AMBER },
    { better_than(10), GREEN },
    { otherwise, RED },
  },
  indicators = { "answered", "missed" },
}
LUA
expect_exit 0 -- "$ASSAY" check "$TMP/mixed" --data "$TMP/data"
expect_in "$TMP/out" "$TMP/mixed/pack.lua:5: warning: group 'kpis' rating: case 2 ('better_than(10)', giving 'GREEN') can never apply to indicator 'answered' (higher is better): case 1 ('better_than(5)') already matches every value it matches for them"
expect_not_in "$TMP/out" "indicator 'missed' (lower is better)"
# Without the data the polarities are unknown: nothing to say.
expect_exit 0 -- "$ASSAY" check "$TMP/mixed"
expect_not_in "$TMP/out" "can never apply"

# The same condition twice: the second never applies, and its rating is named.
sed 's/{ better_than(10), GREEN }/{ better_than(5), GREEN }/' "$TMP/mixed/pack.lua" >"$TMP/units/pack.lua"
expect_exit 0 -- "$ASSAY" check "$TMP/units"
expect_in "$TMP/out" "$TMP/units/pack.lua:5: warning: group 'kpis' rating: case 2 ('better_than(5)') can never apply: case 1 ('better_than(5)') already matches everything it matches (so it never gives 'GREEN')"

# 95 for a share the sheet writes as a fraction.
cat >"$TMP/units/pack.lua" <<'LUA'
pack "units" { title = "Units", version = "1.0.0" }
scale "rag" { { "RED" }, { "AMBER" }, { "GREEN" } }
group "service" {
  title = "Service", arrow = arrow.last_two { }, scale = "rag",
  polarity = "higher_is_better",
  rating = first {
    { better_than(95), GREEN },
    { improved, AMBER },
    { otherwise, RED },
  },
  indicators = { "answered" },
}
LUA
expect_exit 0 -- "$ASSAY" check "$TMP/units" --data "$TMP/data"
expect_in "$TMP/out" "$TMP/units/pack.lua:6: warning: group 'service' rating: case 1 ('better_than(95)', giving 'GREEN') never applies to indicator 'answered': 'better_than(95)' asks for 95 or higher (higher is better), but its values in dataset 'data' run from 0.61 to 0.78"
expect_in "$TMP/out" "0 errors, 1 warning"
# Written in the data's units, it is clean.
sed -i 's/better_than(95)/better_than(0.95)/' "$TMP/units/pack.lua"
expect_exit 0 -- "$ASSAY" check "$TMP/units" --data "$TMP/data"
expect_in "$TMP/out" "0 errors, 0 warnings"
finish
