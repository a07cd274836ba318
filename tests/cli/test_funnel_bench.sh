#!/usr/bin/env bash
# The multi-area funnel example: the benchmark generator at a small scale
# (assay-gen --counts: numerators, denominators and a national row
# "England"), assessed with bench/pack-funnel. The HTML report draws a
# funnel plot per indicator with its title, description and table
# alternative; the CSV's funnel limits are checked against scipy: for a
# proportion p0 the score-test limits p0 +/- z sqrt(p0 (1 - p0) / n), for a
# rate r0 per 1,000 the exact Poisson limits of the expected count r0 n /
# 1000 (chi2.ppf), with z = norm.ppf. Skipped (77) without scipy outside CI.
. "$(dirname "$0")/lib.sh"
: "${ASSAY_GEN:?ASSAY_GEN must point at the built assay-gen}"
PY=/usr/bin/python3

checks=$((checks + 1))
"$ASSAY_GEN" --areas 40 --indicators 14 --months 12 --counts --out "$TMP/data" >/dev/null || fail "assay-gen --counts failed"
expect_exit 0 -- "$ASSAY" check "$SRC/bench/pack-funnel"
for f in csv html; do
    expect_exit 0 -- "$ASSAY" run "$SRC/bench/pack-funnel" "$TMP/data" --format $f --out "$TMP/r.$f"
done
expect_in "$TMP/r.html" '<svg class="funnel"'
expect_in "$TMP/r.html" '>Funnel plot of All crime per 1,000 population around England</title>'
expect_in "$TMP/r.html" "The horizontal centre line is England&#39;s value"
expect_in "$TMP/r.html" '<table class="funnel-data"><caption>Victims satisfied with the service: each area on the funnel plot (the centre line is England'
expect_in "$TMP/r.csv" "funnel_position"
# The same data twice gives the same bytes.
checks=$((checks + 1))
"$ASSAY_GEN" --areas 40 --indicators 14 --months 12 --counts --out "$TMP/again" >/dev/null
cmp -s "$TMP/data/observations.csv" "$TMP/again/observations.csv" || fail "assay-gen --counts is not deterministic"
# Without --counts the generator writes what it always did.
checks=$((checks + 1))
"$ASSAY_GEN" --areas 3 --indicators 2 --months 2 --out "$TMP/plain" >/dev/null
head -1 "$TMP/plain/observations.csv" | grep -qx "indicator,area,period,value" || fail "plain header changed"

if ! [ -x "$PY" ] || ! "$PY" -c 'import scipy.stats' 2>/dev/null; then
    [ -n "${CI:-}" ] && { echo "FAIL: python3-scipy is missing in CI"; exit 1; }
    finish >/dev/null || exit 1
    echo "SKIPPED: python3-scipy is not installed (apt-get install python3-scipy)"
    exit 77
fi
checks=$((checks + 1))
"$PY" - "$TMP/data/observations.csv" "$TMP/r.csv" <<'EOF' || fail "funnel limits do not match scipy"
import csv, math, sys
from scipy.stats import chi2, norm

per = {"crime_rate": 1000, "repeat_da": 100, "answer10s": 100, "satisfied": 100}
base = {}
for r in csv.DictReader(open(sys.argv[1])):
    if r["period"] == "2022-12" and r["indicator"] in per and r["denominator"]:
        base[(r["indicator"], r["area"])] = float(r["denominator"])
bad = seen = 0
outside = 0
for r in csv.DictReader(open(sys.argv[2])):
    k = (r["indicator"], r["area"])
    if k not in base or not r["funnel_lower"]:
        continue
    n, v0, level = base[k], float(r["comparator_value"]), float(r["funnel_level"]) / 100
    if r["comparator_area"] != "England":
        print(k, "comparator", r["comparator_area"]); bad += 1
    a = 1 - level
    if r["indicator"] == "crime_rate":
        e = v0 * n / per[r["indicator"]]
        lo, hi = chi2.ppf(a / 2, 2 * e) / 2 / n * 1000, chi2.ppf(1 - a / 2, 2 * e + 2) / 2 / n * 1000
    else:
        p0, z = v0 / 100, norm.ppf(1 - a / 2)
        half = z * math.sqrt(p0 * (1 - p0) / n)
        lo, hi = max(0, p0 - half) * 100, min(1, p0 + half) * 100
    for got, want in ((r["funnel_lower"], lo), (r["funnel_upper"], hi)):
        if abs(float(got) - want) > 1e-5 * max(1, abs(want)):
            print(k, got, want); bad += 1
    v = float(r["value"])
    pos = "above" if v > hi else "below" if v < lo else "within"
    if pos != r["funnel_position"]:
        print(k, "position", r["funnel_position"], pos); bad += 1
    outside += pos != "within"
    seen += 1
if seen < 150:
    print("only", seen, "areas placed"); bad += 1
print(seen, "areas placed,", outside, "outside the funnel")
sys.exit(1 if bad else 0)
EOF
finish
