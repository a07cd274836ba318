#!/usr/bin/env bash
# Statistical rules end to end: counts in the dataset, significance arrows
# and comparisons with a comparator area, explained with their numbers; the
# bundled LSP 2007 significance pack; inconsistent counts refused at the cell.
# Expected intervals: Wilson 95 % of 182/1000 is 15.93 to 20.71 %, of
# 150/1000 12.92 to 17.35 %, of 100/1000 8.29 to 12.02 % (scipy's
# binomtest(...).proportion_ci(method="wilson")), printed to the
# indicator's decimals + 2.
. "$(dirname "$0")/lib.sh"

mkdir -p "$TMP/pack" "$TMP/data"
cat >"$TMP/pack/pack.lua" <<'LUA'
pack "sig" { title = "Significance" }
scale "rag" { "RED", "AMBER", "GREEN" }
group "smoking" {
  title = "Smoking",
  arrow = arrow.significant { level = 95 },
  scale = "rag",
  rating = first {
    { significantly_better("England"), GREEN },
    { similar_to("England"), AMBER },
    { significantly_worse("England"), RED },
  },
  indicators = { "smoking" },
}
LUA
cat >"$TMP/data/indicators.csv" <<'CSV'
id,title,unit,polarity,decimals,value_type,per
smoking,Smoking prevalence,percent,lower_is_better,1,proportion,100
CSV
cat >"$TMP/data/observations.csv" <<'CSV'
indicator,area,period,value,numerator,denominator
smoking,England,2021,15.0,150000,1000000
smoking,England,2022,14.4,144000,1000000
smoking,A,2021,17.0,170,1000
smoking,A,2022,18.2,182,1000
smoking,B,2021,15.0,150,1000
smoking,B,2022,15.0,150,1000
smoking,C,2021,14.0,140,1000
smoking,C,2022,10.0,100,1000
CSV

expect_exit 0 -- "$ASSAY" explain "$TMP/pack" "$TMP/data" smoking --area A
expect_in "$TMP/out" "Smoking prevalence 18.2, 95 % CI 15.932 to 20.712 excludes England's 14.4 -> significantly worse than England"
expect_in "$TMP/out" "Smoking prevalence 17 → 18.2: +7.1 %, 95 % CI of the difference"
expect_in "$TMP/out" "includes 0 -> not a significant change -> static"
expect_in "$TMP/out" "RED"
expect_exit 0 -- "$ASSAY" explain "$TMP/pack" "$TMP/data" smoking --area B
expect_in "$TMP/out" "95 % CI 12.921 to 17.347 includes England's 14.4 -> similar to England"
expect_in "$TMP/out" "AMBER"
expect_exit 0 -- "$ASSAY" explain "$TMP/pack" "$TMP/data" smoking --area C
expect_in "$TMP/out" "95 % CI 8.291 to 12.015 excludes England's 14.4 -> significantly better than England"
expect_in "$TMP/out" "excludes 0 -> a significant decrease -> improved"
expect_in "$TMP/out" "GREEN"

# The key reads the rules in words.
expect_exit 0 -- "$ASSAY" key "$TMP/pack"
expect_in "$TMP/out" "significantly better than England (95 % confidence interval)"
expect_in "$TMP/out" "moves only on a statistically significant change"

# Inconsistent counts: an error at the cell, nothing assessed.
printf 'indicator,area,period,value,numerator,denominator\nsmoking,A,2022,18.2,1182,1000\n' >"$TMP/data/observations.csv"
expect_exit 2 -- "$ASSAY" run "$TMP/pack" "$TMP/data"
expect_in "$TMP/err" "observations.csv:2:21"
expect_in "$TMP/err" "numerator 1182 is more than the denominator 1000"

# The LSP 2007 PSA1 arrows by significance: Robbery 75 -> 76 is noise.
expect_exit 0 -- "$ASSAY" explain "$SRC/rules/lsp2007-significance" "$SRC/datasets/lsp2007" robbery
expect_in "$TMP/out" "Robbery 75 → 76: +1.3 %, 95 % CI of the rate ratio 0.74 to 1.39 includes 1 -> not a significant change -> static"
expect_exit 0 -- "$ASSAY" explain "$SRC/rules/lsp2007-significance" "$SRC/datasets/lsp2007" criminal_damage
expect_in "$TMP/out" "95 % CI of the rate ratio 1.01 to 1.09 excludes 1 -> a significant increase -> declined"
finish
