#!/usr/bin/env bash
# assay audit: the errors in the bundled sources, each with its file:line,
# rounding kept apart, exit 1 only for errors.
. "$(dirname "$0")/lib.sh"
D=$SRC/datasets

# pcc2024q2, truncated as the seed does: the four sign errors and nothing else.
expect_exit 1 -- "$ASSAY" audit "$D/pcc2024q2" --rounding truncate
expect_in "$TMP/out" "errors (4):"
expect_in "$TMP/out" "rounding differences, not errors (0):"
expect_in "$TMP/out" "observations.csv:38:64: asb_incidents_police, Cleveland, 12 months to Sept 2024: change published 1,047, computed -1,047"
expect_in "$TMP/out" "observations.csv:42:65: domestic_abuse_crimes, Cleveland, 12 months to Sept 2024: change published 1133, computed -1133"
expect_in "$TMP/out" "observations.csv:64:71: nhs_sharps_admissions_under_25, Cleveland, 12 months to June 2024: change_pct published 25%, computed -25%"
expect_in "$TMP/out" "observations.csv:67:73: serious_violence_all_ages, Cleveland, 12 months to Sept 2024: change_pct published 8.8%, computed -8.8%"
checks=$((checks + 1)); [ "$(grep -c 'wrong sign' "$TMP/out")" -eq 4 ] || fail "not exactly four sign errors"
expect_not_in "$TMP/out" "not checked"

# Rounded half up instead, the seed's truncations are rounding, not errors.
expect_exit 1 -- "$ASSAY" audit "$D/pcc2024q2"
expect_in "$TMP/out" "errors (4):"
expect_in "$TMP/out" "rounding differences, not errors (12):"
expect_in "$TMP/out" "calls_999_received, Cleveland, 12 months to Sept 2024: change_pct published -6.9%, computed -7.0%"
expect_in "$TMP/out" "truncating gives the published figure, rounding half up gives -7.0%"
if [ -f "$SRC/rules/pcc2024q2/pack.lua" ]; then
    expect_exit 1 -- "$ASSAY" audit "$D/pcc2024q2" --rules "$SRC/rules/pcc2024q2"
    expect_in "$TMP/out" "errors (4):"
    expect_in "$TMP/out" "rounding differences, not errors (0):"
fi

# lsp2007: the BCS total; with the pack, also the vehicle interference arrow.
expect_exit 1 -- "$ASSAY" audit "$D/lsp2007"
expect_in "$TMP/out" "errors (1):"
expect_in "$TMP/out" "observations.csv:54: bcs_comparator, Redcar & Cleveland, 2003/04: total published 10,202, computed 10,203"
expect_exit 1 -- "$ASSAY" audit "$D/lsp2007" --rules "$SRC/rules/lsp2007"
expect_in "$TMP/out" "errors (2):"
expect_in "$TMP/out" "observations.csv:104:68: gap_deprived_vehicle_interference, Redcar & Cleveland, 2006/07: published_arrow published ▲, computed declined"
expect_in "$TMP/out" "rounding half_up (pack lsp2007)"

# budget2017: only rounding (each cell rounded to £000 on its own): exit 0.
expect_exit 0 -- "$ASSAY" audit "$D/budget2017"
expect_in "$TMP/out" "errors (0):"
expect_in "$TMP/out" "rounding differences, not errors (7):"
expect_in "$TMP/out" "corporate_total, Forecast, 2017/18: change published (100), computed -99"
expect_in "$TMP/out" "net_surplus_deficit, Forecast, 2017/18: total published 0, computed 1"

# hotspots2024: everything adds up, the patrol hours total included.
expect_exit 0 -- "$ASSAY" audit "$D/hotspots2024"
expect_in "$TMP/out" "errors (0):"
expect_in "$TMP/out" "rounding differences, not errors (0):"
cp -r "$D/hotspots2024" "$TMP/hotspots"
sed -i 's/1060:26:00/1060:27:00/' "$TMP/hotspots/published_totals.csv"
expect_exit 1 -- "$ASSAY" audit "$TMP/hotspots"
expect_in "$TMP/out" "published_totals.csv:2: patrol_hours, Totals, Aug 2023 - Jun 2024: total published 1060:27:00, computed 1060:26:00"

# Usage and input errors.
expect_exit 2 -- "$ASSAY" audit "$D/pcc2024q2" --rounding bankers
expect_in "$TMP/err" "unknown rounding 'bankers'"
expect_exit 2 -- "$ASSAY" audit "$SRC/does-not-exist"
expect_exit 2 -- "$ASSAY" audit "$D/pcc2024q2" --rules "$SRC/rules/lsp2007"
expect_exit 0 -- "$ASSAY" audit --help
expect_in "$TMP/out" "Exit codes"

finish
