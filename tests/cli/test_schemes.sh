#!/usr/bin/env bash
# Three published council schemes (and a comparator scheme), each one group with built-in conditions
# and thresholds read from the officer's sheet (one row per indicator and
# quarter, target and floor columns, no area column): docs/cookbook/.
# Expected ratings are worked out by hand from the schemes' definitions:
#
# at 2024 Q3 (a year earlier in brackets)      target floor | 10% tol  stars  floor
# calls_answered      higher  91 (80)           90     85   | GREEN    Circle GREEN
# missed_bins         lower   37 (40)           35     45   | AMBER    Tri.   AMBER
# sickness_days       lower   8.4 (8.0)         8      9    | AMBER    Circle AMBER
# rent_collected      higher  84 (96)           98     90   | RED      Tri.   RED
# new_homes           higher  120 (100)         -      100  | unrated: no target for 2024 Q3
# complaints_on_time  higher  95 (70)           85     75   | GREEN    Star   GREEN
# fly_tipping_cleared higher  60 (50)           80     -    | AMBER    Tri.   unrated: no floor
#
# missed_bins: 2 short of 35, 10 % is 3.5 -> not more than 10 % short (AMBER);
#   ±5 % is 1.75 < 2 -> Triangle; 37 <= floor 45 -> AMBER.
# sickness_days: 0.4 off 8, exactly 5 % (within, either side: Circle) and
#   not more than 10 % short (AMBER); 8.4 <= floor 9 -> AMBER.
# rent_collected: 14 short of 98 > 9.8, and worse than last year -> RED;
#   84 < floor 90 -> RED.
# complaints_on_time: 10 better than 85 > 4.25 -> Star.
# fly_tipping_cleared: 20 short > 8 but better than last year (50) -> AMBER.
# At 2023 Q3 the targets are that year's: calls_answered 80 against 88 is 8
# short, within 10 % (8.8) -> AMBER; and 8 off 88 > 4.4 -> Triangle.
. "$(dirname "$0")/lib.sh"
CB=$SRC/docs/cookbook
DATA=$CB/kpis.csv

# rating_of FILE INDICATOR: the rating column of the indicator's CSV row.
rating_of() {
    python3 - "$1" "$2" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
for r in rows:
    if r["indicator"] == sys.argv[2]:
        print(r["rating"] or "-", r.get("rating_reason", ""), sep="|")
PY
}

expect_rating() {  # pack indicator want
    checks=$((checks + 1))
    local got
    got=$(rating_of "$TMP/$1.csv" "$2" | cut -d'|' -f1)
    [ "$got" = "$3" ] || fail "$1: $2 rated '$got', expected '$3'"
}

for p in tolerance stars floor comparator; do
    expect_exit 0 -- "$ASSAY" run "$CB/$p" "$DATA" --format csv --out "$TMP/$p.csv"
done

expect_rating tolerance calls_answered GREEN
expect_rating tolerance missed_bins AMBER
expect_rating tolerance sickness_days AMBER
expect_rating tolerance rent_collected RED
expect_rating tolerance new_homes -
expect_rating tolerance complaints_on_time GREEN
expect_rating tolerance fly_tipping_cleared AMBER

expect_rating stars calls_answered Circle
expect_rating stars missed_bins Triangle
expect_rating stars sickness_days Circle
expect_rating stars rent_collected Triangle
expect_rating stars new_homes -
expect_rating stars complaints_on_time Star
expect_rating stars fly_tipping_cleared Triangle

expect_rating floor calls_answered GREEN
expect_rating floor missed_bins AMBER
expect_rating floor sickness_days AMBER
expect_rating floor rent_collected RED
expect_rating floor new_homes -
expect_rating floor complaints_on_time GREEN
expect_rating floor fly_tipping_cleared -

# Against the comparator column (the national figure), ±5 %:
# calls 91 vs 88: 3 better, within 4.4 -> AMBER; bins 37 vs 45 (lower): 8
# better > 2.25 -> GREEN; sickness 8.4 vs 8.0: 0.4 worse, on the 5 % edge ->
# AMBER; rent 84 vs 95: 11 worse > 4.75 -> RED; new_homes: no comparator;
# complaints 95 vs 80: 15 better > 4 -> GREEN; fly-tipping 60 vs 60 -> AMBER.
expect_rating comparator calls_answered AMBER
expect_rating comparator missed_bins GREEN
expect_rating comparator sickness_days AMBER
expect_rating comparator rent_collected RED
expect_rating comparator new_homes -
expect_rating comparator complaints_on_time GREEN
expect_rating comparator fly_tipping_cleared AMBER
expect_exit 0 -- "$ASSAY" explain "$CB/comparator" "$DATA" new_homes
expect_in "$TMP/out" "no comparator for 2024 Q3 in the data"

# The reasons name the threshold and the period.
expect_exit 0 -- "$ASSAY" explain "$CB/floor" "$DATA" new_homes
expect_in "$TMP/out" "no target for 2024 Q3 in the data"
expect_exit 0 -- "$ASSAY" explain "$CB/floor" "$DATA" fly_tipping_cleared
expect_in "$TMP/out" "no floor for 2024 Q3 in the data"

# A target that changes each year: as at 2023 Q3, that year's target (88).
expect_exit 0 -- "$ASSAY" run "$CB/tolerance" "$DATA" --as-at "2023 Q3" --format csv --out "$TMP/tolerance.csv"
expect_rating tolerance calls_answered AMBER
expect_exit 0 -- "$ASSAY" run "$CB/stars" "$DATA" --as-at "2023 Q3" --format csv --out "$TMP/stars.csv"
expect_rating stars calls_answered Triangle

# The key says which side a band looks at.
expect_exit 0 -- "$ASSAY" key "$CB/stars"
expect_in "$TMP/out" "within ±5 % of the target, either side"
expect_in "$TMP/out" "better than the target by more than 5 %"
expect_exit 0 -- "$ASSAY" key "$CB/tolerance"
expect_in "$TMP/out" "more than 10 % short of the target"
expect_exit 0 -- "$ASSAY" key "$CB/floor" --data "$DATA"
expect_in "$TMP/out" "AMBER when at or better than the floor"

# explain lists the thresholds read, with their cells.
expect_exit 0 -- "$ASSAY" explain "$CB/floor" "$DATA" missed_bins
expect_in "$TMP/out" "target for 2024 Q3 from the data: 35 ($DATA:5:24)"
expect_in "$TMP/out" "read from the data for 2024 Q3: floor 45 ($DATA:5:27)"

# check warns of an indicator the data gives no floor for at all.
printf 'indicator,quarter,value,target\nx,2024 Q3,5,4\n' >"$TMP/nofloor.csv"
mkdir -p "$TMP/fl"
sed 's/"calls_answered", .*/"x" },/; /^ *"complaints_on_time"/d' "$CB/floor/pack.lua" >"$TMP/fl/pack.lua"
"$ASSAY" check "$TMP/fl" --data "$TMP/nofloor.csv" >"$TMP/out" 2>&1
expect_in "$TMP/out" "the data gives no floor for indicator 'x'"
expect_in "$TMP/out" "are neutral"

finish
