#!/usr/bin/env bash
# The recent-trend arrow end to end (arrow.trend): counts in the dataset, the
# chi-squared test for trend over the last five values, the arrow in every
# format and explain's line with the test's numbers. Expected: for events
# 100, 110, 120, 130, 140 over equal populations the score test of a
# log-linear trend (Breslow and Day) is (1900 - 600 x 3)^2 / (600 x (11 - 9))
# = 8.33, and P(chi2_1 > 8.33) = 0.00389 (scipy.stats.chi2.sf), below 0.05:
# a significant increase, which for a lower-is-better rate is "declined";
# for 100, 104, 98, 102, 101 the statistic is exactly 0: static. With four
# values there is no recent trend, and the reason says how many it needs.
. "$(dirname "$0")/lib.sh"

mkdir -p "$TMP/pack" "$TMP/data"
cat >"$TMP/pack/pack.lua" <<'LUA'
pack "trend" { title = "Recent trends" }
group "falls" {
  title = "Falls",
  arrow = arrow.trend(5, { level = 95 }),
  indicators = { "falls" },
}
LUA
cat >"$TMP/data/indicators.csv" <<'CSV'
id,title,unit,polarity,decimals,value_type,per
falls,Falls per 1000,rate,lower_is_better,1,rate,1000
CSV
cat >"$TMP/data/observations.csv" <<'CSV'
indicator,area,period,value,numerator,denominator
falls,Rising,2018,10.0,100,10000
falls,Rising,2019,11.0,110,10000
falls,Rising,2020,12.0,120,10000
falls,Rising,2021,13.0,130,10000
falls,Rising,2022,14.0,140,10000
falls,Flat,2018,10.0,100,10000
falls,Flat,2019,10.4,104,10000
falls,Flat,2020,9.8,98,10000
falls,Flat,2021,10.2,102,10000
falls,Flat,2022,10.1,101,10000
falls,Short,2019,11.0,110,10000
falls,Short,2020,12.0,120,10000
falls,Short,2021,13.0,130,10000
falls,Short,2022,14.0,140,10000
CSV

expect_exit 0 -- "$ASSAY" explain "$TMP/pack" "$TMP/data" falls --area Rising
expect_in "$TMP/out" "Falls per 1000 recent trend over the last 5 values (2018 to 2022): chi-squared for trend 8.33, p = 0.0039 <"
expect_in "$TMP/out" "-> a significant increase -> declined"
expect_exit 0 -- "$ASSAY" explain "$TMP/pack" "$TMP/data" falls --area Flat
expect_in "$TMP/out" "chi-squared for trend 0"
expect_in "$TMP/out" "-> not a significant change -> static"
expect_exit 0 -- "$ASSAY" explain "$TMP/pack" "$TMP/data" falls --area Short
expect_in "$TMP/out" "4 values for a recent trend, 5 needed"

# The same arrows in CSV, JSON and the terminal table.
expect_exit 0 -- "$ASSAY" run "$TMP/pack" "$TMP/data" --format csv --out "$TMP/r.csv"
expect_in "$TMP/r.csv" "falls,falls,Rising,Falls per 1000,2022,14,2021,13,1,7.692308,declined"
expect_in "$TMP/r.csv" "falls,falls,Flat,Falls per 1000,2022,10.1,2021,10.2,"
expect_in "$TMP/r.csv" ",static,"
# The trend arrow makes the CSV a statistics CSV: the interval of the last
# rate, 140 events (Byar's, 95 %), 11.78 to 16.52 per 1000 (the Guide's
# formula with scipy's norm.ppf: 11.7769 to 16.5207).
expect_in "$TMP/r.csv" ",95,11.7769"
expect_exit 0 -- "$ASSAY" run "$TMP/pack" "$TMP/data" --format json --out "$TMP/r.json"
expect_in "$TMP/r.json" '"arrow": "declined"'
expect_in "$TMP/r.json" '"arrow_reason": "4 values for a recent trend, 5 needed"'
expect_exit 0 -- "$ASSAY" run "$TMP/pack" "$TMP/data"
expect_in "$TMP/out" "arrows: static 1, declined 1, no arrow 1"
finish
