#!/usr/bin/env bash
# The traps a council's own scheme falls into, caught by the tools: `assay
# check` warns when the key promises a band either side but the rule looks
# at the shortfall side only; the cookbook's packs check clean against their
# own sheets; a described rating function is worded in the key, and explain
# lists what the function read and what it returned.
. "$(dirname "$0")/lib.sh"
CB=$SRC/docs/cookbook

# Every cookbook pack checks clean against its own sheet (no false alarms).
for p in tolerance stars floor comparator; do
    expect_exit 0 -- "$ASSAY" check "$CB/$p" --data "$CB/kpis.csv"
    expect_in "$TMP/out" "0 errors, 0 warnings"
done
expect_exit 0 -- "$ASSAY" check "$CB/travel" --data "$CB/quarters.csv"
expect_in "$TMP/out" "0 errors, 0 warnings"

# The stars scheme written with distance_within, which holds for every value
# beyond the target: the Circle the key calls "either side" is not.
mkdir -p "$TMP/onesided"
sed 's/within(pct(5)), CIRCLE/distance_within(pct(5)), CIRCLE/' "$CB/stars/pack.lua" >"$TMP/onesided/pack.lua"
grep -q 'distance_within(pct(5)), CIRCLE' "$TMP/onesided/pack.lua" || fail "the one-sided copy was not made"
expect_exit 0 -- "$ASSAY" check "$TMP/onesided"
expect_in "$TMP/out" "case 2 gives 'Circle', which scale 'shapes' describes as \"Within 5 % of target, either side\", but 'distance_within(pct(5))' looks at one side only"
expect_in "$TMP/out" "for a band either side write within(pct(5))"
expect_in "$TMP/out" "0 errors, 1 warning"
# The bundled packs stay clean of it.
for p in "$SRC"/rules/*/; do
    expect_exit 0 -- "$ASSAY" check "$p"
    expect_not_in "$TMP/out" "looks at one side only"
done

# A described rating function: its words in the key, and explain lists what it read.
mkdir -p "$TMP/described"
cat >"$TMP/described/pack.lua" <<'LUA'
pack "described" { title = "Sickness" }
scale "shapes" { { "Triangle" }, { "Circle" }, { "Star" } }
group "kpis" {
  target = { value = data "target" },
  rating = described("Circle within 5 % of the target either side; Star better by more than 5 %; Triangle otherwise",
    function(a)
      if a.target == nil then return nil, "no target" end
      if assay.within_pct(a.value, a.target.value, 5) then return CIRCLE end
      if a:met() then return STAR end
      return TRIANGLE
    end),
  indicators = { "sickness_days" },
}
LUA
expect_exit 0 -- "$ASSAY" key "$TMP/described"
expect_in "$TMP/out" "Circle within 5 % of the target either side; Star better by more than 5 %; Triangle otherwise"
expect_not_in "$TMP/out" "decided by a rule function"
# Sickness 8.4 days against a target of 8 is exactly 5 % over: a circle.
expect_exit 0 -- "$ASSAY" explain "$TMP/described" "$CB/kpis.csv" sickness_days
expect_in "$TMP/out" "rating function: Circle within 5 % of the target either side"
expect_in "$TMP/out" "the function read: target.value = 8, value = 8.4"
expect_in "$TMP/out" "rating: kpis.rating -> Circle"

finish
