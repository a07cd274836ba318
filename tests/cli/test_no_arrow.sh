#!/usr/bin/env bash
# A scheme with no direction of travel (arrow = arrow.none, or false): no
# arrow column in any format and no arrow key. The target + floor scheme of
# docs/cookbook rates against thresholds only, so its report has nothing to
# say about direction.
. "$(dirname "$0")/lib.sh"
CB=$SRC/docs/cookbook
DATA=$CB/kpis.csv

for spelling in "arrow.none" "false"; do
    mkdir -p "$TMP/p"
    sed "s|^group \"kpis\" {|group \"kpis\" {\n  arrow = $spelling,|" "$CB/floor/pack.lua" >"$TMP/p/pack.lua"
    expect_in "$TMP/p/pack.lua" "arrow = $spelling,"

    expect_exit 0 -- "$ASSAY" run "$TMP/p" "$DATA" --format csv --out "$TMP/r.csv"
    head -1 "$TMP/r.csv" >"$TMP/header"
    expect_in "$TMP/header" "change_pct,rating,target"
    expect_not_in "$TMP/header" "arrow"
    # the ratings are unchanged by the arrow (hand-worked in test_schemes.sh)
    expect_in "$TMP/r.csv" "kpis,rent_collected,"
    expect_in "$TMP/r.csv" ",RED,98,"

    expect_exit 0 -- "$ASSAY" run "$TMP/p" "$DATA" --format json --out "$TMP/r.json"
    checks=$((checks + 1))
    python3 - "$TMP/r.json" <<'PY' || fail "$spelling: the JSON outcomes still carry an arrow"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
def outcomes(x):
    if isinstance(x, dict):
        if "indicator" in x and "rating" in x:
            yield x
        for v in x.values():
            yield from outcomes(v)
    elif isinstance(x, list):
        for v in x:
            yield from outcomes(v)
found = list(outcomes(doc))
assert found, "no outcomes"
assert all("arrow" not in o and "arrow_reason" not in o for o in found)
PY

    expect_exit 0 -- "$ASSAY" run "$TMP/p" "$DATA" --format markdown --out "$TMP/r.md"
    expect_in "$TMP/r.md" "Rating"
    expect_not_in "$TMP/r.md" "Trajectory"
    expect_not_in "$TMP/r.md" "Directional arrows"

    expect_exit 0 -- "$ASSAY" run "$TMP/p" "$DATA" --format html --out "$TMP/r.html"
    expect_not_in "$TMP/r.html" "Direction of travel"
    expect_not_in "$TMP/r.html" "Directional arrows"

    expect_exit 0 -- "$ASSAY" key "$TMP/p" --data "$DATA" --format markdown
    expect_in "$TMP/out" "floor"
    expect_not_in "$TMP/out" "Direction of travel"
    expect_not_in "$TMP/out" "Directional arrows"
done

# The same pack with its arrow has the column, so the checks above can fail.
expect_exit 0 -- "$ASSAY" run "$CB/floor" "$DATA" --format csv --out "$TMP/with.csv"
expect_in "$TMP/with.csv" "change_pct,arrow,rating"
expect_exit 0 -- "$ASSAY" run "$CB/floor" "$DATA" --format markdown --out "$TMP/with.md"
expect_in "$TMP/with.md" "Trajectory"

# arrow.none names no arrow to show beside the main one.
sed "s|^group \"kpis\" {|group \"kpis\" {\n  long_arrow = arrow.none,|" "$CB/floor/pack.lua" >"$TMP/p/pack.lua"
expect_exit 1 -- "$ASSAY" check "$TMP/p"
expect_in "$TMP/out" "pack.lua:11: error: group 'kpis': long_arrow: arrow.none is for a group's main arrow"

# A rating on the arrow of a group that has none can never hold: check says so.
sed -e "s|^group \"kpis\" {|group \"kpis\" {\n  arrow = arrow.none,|" \
    -e "s|{ met, GREEN },|{ met, GREEN }, { improved, AMBER },|" "$CB/floor/pack.lua" >"$TMP/p/pack.lua"
expect_in "$TMP/p/pack.lua" "{ improved, AMBER }"
expect_exit 0 -- "$ASSAY" check "$TMP/p" --data "$DATA"
expect_in "$TMP/out" "condition 'improved' never holds: group 'kpis' has no direction of travel (arrow = arrow.none)"
finish
