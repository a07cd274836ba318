#!/usr/bin/env bash
# Funnel conditions that read like a public-health key: better_than_funnel
# and worse_than_funnel hold when an area lies outside the funnel's control
# limits on its indicator's better (worse) side, so "above the funnel" is
# better where higher is better and worse where lower is better. One rating
# serves a higher-is-better proportion and a lower-is-better rate; every
# area's expected place is computed here by scipy (Debian's python3-scipy):
# proportion limits p0 +/- norm.ppf(1 - a/2) sqrt(p0 (1 - p0) / n), rate
# limits chi2.ppf(a/2, 2E)/2 and chi2.ppf(1 - a/2, 2E + 2)/2 of the expected
# count E = r0 n / per. The key and explain say "significantly better than
# England (99.8 % funnel limit)" with the numbers; a neutral indicator with
# a polarity condition is an `assay check` finding. Skipped (77) without
# scipy outside CI.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

mkdir -p "$TMP/pack" "$TMP/data"
cat >"$TMP/pack/pack.lua" <<'LUA'
pack "funnel" { title = "Funnel polarity" }
scale "cmp" { "MUCH_WORSE", "WORSE", "SIMILAR", "BETTER", "MUCH_BETTER" }
local key = first {
  { better_than_funnel("England", 99.8), MUCH_BETTER },
  { worse_than_funnel("England", 99.8), MUCH_WORSE },
  { better_than_funnel("England", 95), BETTER },
  { worse_than_funnel("England", 95), WORSE },
  { within_funnel("England", 95), SIMILAR },
}
group "screening" { title = "Screening", scale = "cmp", rating = key, indicators = { "screening" } }
group "admissions" { title = "Admissions", scale = "cmp", rating = key, indicators = { "admissions" } }
LUA
cat >"$TMP/data/indicators.csv" <<'CSV'
id,title,unit,polarity,decimals,value_type,per
screening,Screening coverage,percent,higher_is_better,1,proportion,100
admissions,Admissions per 100000,rate,lower_is_better,1,rate,100000
CSV
# Each area's count puts it beyond the 99.8 % limit, between the 95 % and
# 99.8 % limits, or within, on each side (the expected places are below).
cat >"$TMP/data/observations.csv" <<'CSV'
indicator,area,period,value,numerator,denominator
screening,England,2022,70.0,700000,1000000
screening,A,2022,76.0,760,1000
screening,B,2022,73.0,730,1000
screening,C,2022,69.0,690,1000
screening,D,2022,66.0,660,1000
screening,E,2022,64.0,640,1000
admissions,England,2022,500,250000,50000000
admissions,A,2022,850,85,10000
admissions,B,2022,700,70,10000
admissions,C,2022,500,50,10000
admissions,D,2022,340,34,10000
admissions,E,2022,250,25,10000
CSV

expect_exit 0 -- "$ASSAY" run "$TMP/pack" "$TMP/data" --format csv --out "$TMP/r.csv"
# Above the funnel is better for screening and worse for admissions.
expect_in "$TMP/r.csv" "screening,A,"
expect_exit 0 -- "$ASSAY" explain "$TMP/pack" "$TMP/data" screening --area A
expect_in "$TMP/out" "Screening coverage 76 (denominator 1000): 99.8 % funnel limits around England's 70 at this denominator are 65.522 to 74.478 (score test) -> above the funnel: significantly better than England (99.8 % funnel limit)"
expect_in "$TMP/out" "MUCH_BETTER"
expect_exit 0 -- "$ASSAY" explain "$TMP/pack" "$TMP/data" admissions --area A
expect_in "$TMP/out" "-> above the funnel: significantly worse than England (99.8 % funnel limit)"
expect_in "$TMP/out" "MUCH_WORSE"
expect_exit 0 -- "$ASSAY" explain "$TMP/pack" "$TMP/data" admissions --area D
expect_in "$TMP/out" "-> below the funnel: significantly better than England (95 % funnel limit)"
expect_in "$TMP/out" "-> BETTER"
expect_exit 0 -- "$ASSAY" explain "$TMP/pack" "$TMP/data" screening --area C
expect_in "$TMP/out" "-> within the funnel: similar to England (95 % funnel limit)"
expect_exit 0 -- "$ASSAY" key "$TMP/pack"
expect_in "$TMP/out" "significantly better than England (99.8 % funnel limit)"
expect_in "$TMP/out" "significantly worse than England (95 % funnel limit)"
expect_exit 0 -- "$ASSAY" check "$TMP/pack" --data "$TMP/data"
expect_not_in "$TMP/out" "never holds"

# The funnel plot: England is the centre line across the plot, not a dot
# among the areas; the line's y is England's value on the scale the areas'
# dots give (a straight line through two dots of known value), and it lies
# midway between the upper and lower limit curves at every denominator (the
# score-test limits are symmetric where unclipped); the title, the
# description and the table alternative say so.
expect_exit 0 -- "$ASSAY" run "$TMP/pack" "$TMP/data" --format html --out "$TMP/r.html"
expect_in "$TMP/r.html" "The horizontal centre line is England&#39;s value, 70.0%"
expect_in "$TMP/r.html" "each area on the funnel plot (the centre line is England&#39;s value, 70.0%)"
expect_in "$TMP/r.html" "A 76.0%, above the funnel: significantly better than England."
expect_in "$TMP/r.html" "<td>above the funnel: significantly worse than England</td>"
checks=$((checks + 1))
"$PY" - "$TMP/r.html" <<'EOF' || fail "the funnel plot's structure is wrong"
import re, sys
import xml.etree.ElementTree as ET
html = open(sys.argv[1]).read()
svgs = re.findall(r'<svg class="funnel".*?</svg>', html, re.S)
bad = 0
def check(ok, what):
    global bad
    if not ok:
        print(what); bad += 1
check(len(svgs) == 2, f"{len(svgs)} funnel plots")
ns = "{http://www.w3.org/2000/svg}"
for k, svg in enumerate(svgs):
    root = ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))
    title, desc = root.find(ns + "title"), root.find(ns + "desc")
    check(title is not None and "around England" in title.text, "title")
    check(desc is not None and "centre line is England's value" in desc.text, "desc")
    check(root.get("role") == "img" and title.get("id") in root.get("aria-labelledby")
          and desc.get("id") in root.get("aria-labelledby"), "aria-labelledby")
    check(not re.search(r"England [0-9.,]+%?, (above|within|below)", desc.text), "England described as an area")
    dots = root.findall(ns + "circle")
    check(len(dots) == 5, f"plot {k}: {len(dots)} dots, want the five areas without England")
    lines = [l for l in root.findall(ns + "line") if l.get("class") == "comparator"]
    check(len(lines) == 1, "one centre line")
    cy = float(lines[0].get("y1"))
    check(lines[0].get("y1") == lines[0].get("y2"), "the centre line is horizontal")
    check(float(lines[0].get("x2")) - float(lines[0].get("x1")) > 300, "the centre line spans the plot")
    # Values of the dots, in data order A..E; England's value.
    values = [[76.0, 73.0, 69.0, 66.0, 64.0], [850, 700, 500, 340, 250]][k]
    v0 = [70.0, 500.0][k]
    ys = [float(d.get("cy")) for d in dots]
    (y1, a1), (y2, a2) = (ys[0], values[0]), (ys[4], values[4])
    mapped = y1 + (v0 - a1) * (y2 - y1) / (a2 - a1)
    check(abs(mapped - cy) <= 0.15, f"plot {k}: centre line at y {cy}, England's value maps to {mapped:.2f}")
    for y, v in zip(ys, values):
        want = y1 + (v - a1) * (y2 - y1) / (a2 - a1)
        check(abs(want - y) <= 0.15, f"plot {k}: dot {v} at {y}, the scale says {want:.2f}")
    limits = [p for p in root.findall(ns + "polyline") if p.get("class") == "limit"]
    check(len(limits) == 4, f"plot {k}: {len(limits)} limit curves, want 95 % and 99.8 %, lower and upper")
    if k == 0 and len(limits) == 4:
        for lower, upper in ((limits[0], limits[1]), (limits[2], limits[3])):
            for pl, pu in zip(lower.get("points").split(), upper.get("points").split()):
                ylo, yhi = float(pl.split(",")[1]), float(pu.split(",")[1])
                check(abs((ylo + yhi) / 2 - cy) <= 0.11, f"limits {ylo} {yhi} not symmetric about {cy}")
sys.exit(1 if bad else 0)
EOF

# A neutral indicator has no better side: the polarity conditions never
# hold, and check says so with the place and the rule.
sed -i 's/screening,Screening coverage,percent,higher_is_better/screening,Screening coverage,percent,neutral/' \
    "$TMP/data/indicators.csv"
expect_exit 0 -- "$ASSAY" check "$TMP/pack" --data "$TMP/data"
cat "$TMP/err" >>"$TMP/out"
expect_in "$TMP/out" "pack.lua:"
expect_in "$TMP/out" "condition 'better_than_funnel(\"England\", 99.8)' never holds: the indicators of group 'screening' are neutral"
expect_exit 0 -- "$ASSAY" run "$TMP/pack" "$TMP/data" --format csv --out "$TMP/n.csv"
expect_exit 0 -- "$ASSAY" explain "$TMP/pack" "$TMP/data" screening --area A
expect_in "$TMP/out" "-> above the funnel"
expect_not_in "$TMP/out" "significantly better"

if ! [ -x "$PY" ] || ! "$PY" -c 'import scipy.stats' 2>/dev/null; then
    [ -n "${CI:-}" ] && { echo "FAIL: python3-scipy is missing in CI"; exit 1; }
    finish >/dev/null || exit 1
    echo "SKIPPED: python3-scipy is not installed (apt-get install python3-scipy)"
    exit 77
fi

checks=$((checks + 1))
"$PY" - "$TMP/r.csv" <<'EOF' || fail "the funnel ratings do not match scipy's limits"
import csv, math, sys
from scipy.stats import chi2, norm

def prop(p0, n, level):
    z = norm.ppf(1 - (1 - level) / 2)
    h = z * math.sqrt(p0 * (1 - p0) / n)
    return max(0.0, p0 - h) * 100, min(1.0, p0 + h) * 100

def rate(r0, n, per, level):
    a, e = 1 - level, r0 * n / per
    return chi2.ppf(a / 2, 2 * e) / 2 / n * per, chi2.ppf(1 - a / 2, 2 * e + 2) / 2 / n * per

def place(v, lim):
    return 1 if v > lim[1] else -1 if v < lim[0] else 0

labels = ["MUCH_WORSE", "WORSE", "SIMILAR", "BETTER", "MUCH_BETTER"]
def rating(v, limits, higher_is_better):
    sign = 1 if higher_is_better else -1
    p998, p95 = sign * place(v, limits(0.998)), sign * place(v, limits(0.95))
    if p998: return labels[2 + 2 * p998]
    return labels[2 + p95]

data = {"screening": {"A": (760, 1000), "B": (730, 1000), "C": (690, 1000), "D": (660, 1000), "E": (640, 1000)},
        "admissions": {"A": (85, 10000), "B": (70, 10000), "C": (50, 10000), "D": (34, 10000), "E": (25, 10000)}}
want = {}
for area, (x, n) in data["screening"].items():
    want[("screening", area)] = (rating(x / n * 100, lambda L: prop(0.7, n, L), True), prop(0.7, n, 0.998))
for area, (x, n) in data["admissions"].items():
    want[("admissions", area)] = (rating(x / n * 1e5, lambda L: rate(500, n, 1e5, L), False), rate(500, n, 1e5, 0.998))
# Every rung of the key is reached, for both polarities.
for ind in data:
    got = sorted(want[(ind, a)][0] for a in data[ind])
    assert got == sorted(labels), (ind, got)
bad = 0
for r in csv.DictReader(open(sys.argv[1])):
    if r["area"] == "England": continue
    label, lim = want[(r["indicator"], r["area"])]
    if r["rating"] != label:
        print(r["indicator"], r["area"], "rating", r["rating"], "scipy says", label); bad += 1
    for got, exp in ((r["funnel_lower"], lim[0]), (r["funnel_upper"], lim[1])):
        if abs(float(got) - exp) > 1e-6 * max(1.0, abs(exp)):
            print(r["indicator"], r["area"], "limit", got, "scipy says", exp); bad += 1
sys.exit(1 if bad else 0)
EOF
finish
