#!/usr/bin/env bash
# assay diff: which arrows and ratings changed between two runs, and whether
# the rules, the data or both caused each change.
. "$(dirname "$0")/lib.sh"
PACK=$SRC/rules/lsp2007
DATA=$SRC/datasets/lsp2007

cp -r "$PACK" "$TMP/rules"
sed -i 's/static_within = pct(1.5)/static_within = pct(1.0)/' "$TMP/rules/arrows.lua"
cp -r "$DATA" "$TMP/lsp2007"
sed -i 's/^theft_of_vehicle,Redcar & Cleveland,2006\/07,547,/theft_of_vehicle,Redcar \& Cleveland,2006\/07,660,/' \
    "$TMP/lsp2007/observations.csv"

"$ASSAY" run "$PACK" "$DATA" --record "$TMP/base.json" --format json --out "$TMP/base.out.json" >/dev/null || fail "run base"
"$ASSAY" run "$TMP/rules" "$DATA" --record "$TMP/rules.json" >/dev/null || fail "run rules"
"$ASSAY" run "$PACK" "$TMP/lsp2007" --record "$TMP/data.json" >/dev/null || fail "run data"
"$ASSAY" run "$TMP/rules" "$TMP/lsp2007" --record "$TMP/both.json" --format json --out "$TMP/both.out.json" >/dev/null ||
    fail "run both"

# The same run twice: nothing to report.
expect_exit 0 -- "$ASSAY" diff "$TMP/base.json" "$TMP/base.out.json"
expect_in "$TMP/out" "no differences"

# One cause at a time.
expect_exit 1 -- "$ASSAY" diff "$TMP/base.json" "$TMP/rules.json"
expect_in "$TMP/out" "data: the same"
expect_in "$TMP/out" "arrow: static -> declined  [rules]"
expect_not_in "$TMP/out" "[data]"
expect_exit 1 -- "$ASSAY" diff "$TMP/base.json" "$TMP/data.json"
expect_in "$TMP/out" "rules: the same"
expect_in "$TMP/out" $'theft_of_vehicle, Redcar & Cleveland (psa1)\n  arrow: improved -> declined  [data]'
expect_in "$TMP/out" "value: 547 -> 660  [data]"
expect_not_in "$TMP/out" "[rules]"

# Both changed, two records: the cross runs separate the causes.
expect_exit 1 -- "$ASSAY" diff "$TMP/base.json" "$TMP/both.json"
expect_in "$TMP/out" $'robbery, Redcar & Cleveland (psa1)\n  arrow: static -> declined  [rules]'
expect_in "$TMP/out" $'theft_of_vehicle, Redcar & Cleveland (psa1)\n  arrow: improved -> declined  [data]'
expect_in "$TMP/out" "counts.arrows.declined: 3 -> 5  [rules and data]"
expect_in "$TMP/out" "(it takes both)"
# The group's totals name the items behind each cause.
expect_in "$TMP/out" "changed by data 1: theft_of_vehicle, Redcar & Cleveland (arrow) | rules "
expect_in "$TMP/out" "robbery, Redcar & Cleveland (arrow)"

# Both changed, plain JSON outputs: the causes cannot be separated, and it says so.
expect_exit 1 -- "$ASSAY" diff "$TMP/base.out.json" "$TMP/both.out.json"
expect_in "$TMP/out" "[rules and data]"
expect_in "$TMP/out" "give two records (assay run --record) to separate them"

# Input errors.
sed 's/547,/548,/' "$TMP/base.json" >"$TMP/tampered.json"
expect_exit 2 -- "$ASSAY" diff "$TMP/tampered.json" "$TMP/both.json"
expect_in "$TMP/err" "has been altered"
echo '{"not": "a run"}' >"$TMP/other.json"
expect_exit 2 -- "$ASSAY" diff "$TMP/base.json" "$TMP/other.json"
expect_in "$TMP/err" "not a JSON outcome record"
expect_exit 2 -- "$ASSAY" diff "$TMP/base.json"

finish
