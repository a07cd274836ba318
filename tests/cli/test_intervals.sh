#!/usr/bin/env bash
# Intervals shown and funnel positions: a pack that uses statistics gets
# interval, comparison and funnel columns in CSV, an "interval" and
# "comparisons" in JSON and JSON Lines, a Statistics sheet in XLSX, error
# bars in the HTML sparklines with the intervals in the table and the chart's
# description; explain and the key give the funnel's limits. Every number is
# checked against scipy (Debian's python3-scipy), run by this test:
# binomtest(...).proportion_ci(method="wilson") for proportions, the exact
# chi-squared limits below 10 events and Byar's formula (with norm.ppf) from
# 10, and the funnel's limits as the exact Poisson limits of the expected
# count r0 n / per (chi2.ppf), as the profiles draw them. Skipped (77)
# without scipy outside CI; .ci/run installs it.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

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
group "admissions" {
  title = "Admissions",
  scale = "rag",
  rating = first {
    { above_funnel("England", 99.8), RED },
    { below_funnel("England", 99.8), GREEN },
    { within_funnel("England", 99.8), AMBER },
  },
  indicators = { "admissions" },
}
LUA
cat >"$TMP/data/indicators.csv" <<'CSV'
id,title,unit,polarity,decimals,value_type,per
smoking,Smoking prevalence,percent,lower_is_better,1,proportion,100
admissions,Admissions per 100000,rate,lower_is_better,1,rate,100000
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
admissions,England,2022,500,250000,50000000
admissions,A,2022,800,80,10000
admissions,B,2022,520,52,10000
admissions,C,2022,200,20,10000
admissions,D,2022,300,3,1000
CSV

for f in csv json jsonl html xlsx; do
    expect_exit 0 -- "$ASSAY" run "$TMP/pack" "$TMP/data" --format $f --out "$TMP/r.$f"
done
expect_in "$TMP/r.csv" ",ci_level,ci_lower,ci_upper,ci_method,comparator_area,comparator_value,significance,funnel_level,funnel_lower,funnel_upper,funnel_position"
expect_in "$TMP/r.csv" ",95,15.93"
expect_in "$TMP/r.csv" "Wilson score,England,14.4,worse,,,,"
expect_in "$TMP/r.json" '"interval": {'
expect_in "$TMP/r.json" '"method": "Wilson score"'
expect_in "$TMP/r.jsonl" '"kind":"funnel","result":"above"'
expect_in "$TMP/r.html" '<line class="ci"'
expect_in "$TMP/r.html" '<span class="ci">95 % CI 15.9% to 20.7%</span>'
expect_in "$TMP/r.html" '2021 17.0% (95 % CI'

# A pack without statistics keeps its CSV columns.
expect_exit 0 -- "$ASSAY" run "$SRC/rules/lsp2007" "$SRC/datasets/lsp2007" --format csv --out "$TMP/lsp.csv"
expect_not_in "$TMP/lsp.csv" "ci_level"

# explain and the key give the funnel with its numbers.
expect_exit 0 -- "$ASSAY" explain "$TMP/pack" "$TMP/data" admissions --area A
expect_in "$TMP/out" "Admissions per 100000 800 (denominator 10000): 99.8 % funnel limits around England's 500 at this denominator are"
expect_in "$TMP/out" "(exact Poisson) -> above the funnel"
expect_in "$TMP/out" "RED"
expect_exit 0 -- "$ASSAY" explain "$TMP/pack" "$TMP/data" admissions --area D
expect_in "$TMP/out" "-> within the funnel"
expect_in "$TMP/out" "AMBER"
expect_exit 0 -- "$ASSAY" key "$TMP/pack"
expect_in "$TMP/out" "above the upper 99.8 % control limit of a funnel plot around England"
expect_in "$TMP/out" "within the 99.8 % control limits of a funnel plot around England"

# A funnel with no denominator cannot be judged: no rating, and why.
printf 'indicator,area,period,value,numerator,denominator\nadmissions,England,2022,500,250000,50000000\nadmissions,E,2022,400,,\n' >"$TMP/data/observations.csv"
expect_exit 0 -- "$ASSAY" explain "$TMP/pack" "$TMP/data" admissions --area E
expect_in "$TMP/out" "no denominator for a funnel plot -> cannot be judged"

if ! [ -x "$PY" ] || ! "$PY" -c 'import scipy.stats, openpyxl' 2>/dev/null; then
    [ -n "${CI:-}" ] && { echo "FAIL: python3-scipy or python3-openpyxl is missing in CI"; exit 1; }
    finish >/dev/null || exit 1
    echo "SKIPPED: python3-scipy is not installed (apt-get install python3-scipy python3-openpyxl)"
    exit 77
fi

checks=$((checks + 1))
"$PY" - "$TMP/r.csv" "$TMP/r.json" "$TMP/r.xlsx" <<'EOF' || fail "the intervals do not match scipy"
import csv, json, math, sys
import openpyxl
from scipy.stats import binomtest, chi2, norm

def wilson(k, n, level):
    ci = binomtest(k, n).proportion_ci(confidence_level=level, method="wilson")
    return ci.low * 100, ci.high * 100

def poisson(o, level):  # the Guide: exact below 10 events, Byar's from 10
    a = 1 - level
    if o < 10:
        return (chi2.ppf(a / 2, 2 * o) / 2 if o > 0 else 0.0), chi2.ppf(1 - a / 2, 2 * o + 2) / 2
    z = norm.ppf(1 - a / 2)
    lo = o * (1 - 1 / (9 * o) - z / (3 * math.sqrt(o))) ** 3
    hi = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * math.sqrt(o + 1))) ** 3
    return lo, hi

def funnel(r0, n, per, level):
    a, e = 1 - level, r0 * n / per
    return chi2.ppf(a / 2, 2 * e) / 2 / n * per, chi2.ppf(1 - a / 2, 2 * e + 2) / 2 / n * per

want = {  # (indicator, area) -> (ci, method, funnel, position)
    ("smoking", "A"): (wilson(182, 1000, 0.95), "Wilson score", None, None),
    ("smoking", "B"): (wilson(150, 1000, 0.95), "Wilson score", None, None),
    ("smoking", "C"): (wilson(100, 1000, 0.95), "Wilson score", None, None),
    ("smoking", "England"): (wilson(144000, 1000000, 0.95), "Wilson score", None, None),
}
for area, o, n in (("A", 80, 10000), ("B", 52, 10000), ("C", 20, 10000), ("D", 3, 1000), ("England", 250000, 50000000)):
    lo, hi = poisson(o, 0.998)
    f = funnel(500, n, 100000, 0.998)
    v = o / n * 100000
    pos = "above" if v > f[1] else "below" if v < f[0] else "within"
    want[("admissions", area)] = ((lo / n * 100000, hi / n * 100000), "exact Poisson" if o < 10 else "Byar", f, pos)
expect_pos = {"A": "above", "B": "within", "C": "below", "D": "within", "England": "within"}

bad = 0
def close(label, got, exp):
    global bad
    if abs(float(got) - exp) > 1e-5 * max(1.0, abs(exp)):
        print(f"{label}: got {got}, scipy says {exp}")
        bad += 1

rows = list(csv.DictReader(open(sys.argv[1])))
if len(rows) != len(want):
    print("rows:", len(rows)); bad += 1
for r in rows:
    (lo, hi), method, f, pos = want[(r["indicator"], r["area"])]
    tag = f'{r["indicator"]} {r["area"]}'
    close(tag + " ci_lower", r["ci_lower"], lo)
    close(tag + " ci_upper", r["ci_upper"], hi)
    if r["ci_method"] != method: print(tag, "method", r["ci_method"]); bad += 1
    if f:
        close(tag + " funnel_lower", r["funnel_lower"], f[0])
        close(tag + " funnel_upper", r["funnel_upper"], f[1])
        if r["funnel_position"] != pos or pos != expect_pos[r["area"]]:
            print(tag, "position", r["funnel_position"], pos); bad += 1
        if r["ci_level"] != "99.8" or r["funnel_level"] != "99.8": print(tag, "levels"); bad += 1
    elif r["ci_level"] != "95":
        print(tag, "level", r["ci_level"]); bad += 1

doc = json.load(open(sys.argv[2]))
for o in doc["outcomes"]:
    (lo, hi), method, f, pos = want[(o["indicator"], o["area"])]
    close("json " + o["area"], o["interval"]["lower"], lo)
    close("json " + o["area"], o["interval"]["upper"], hi)
    if f:
        c = o["comparisons"][0]
        close("json funnel " + o["area"], c["upper"], f[1])
        if c["result"] != pos: print("json result", c); bad += 1

ws = openpyxl.load_workbook(sys.argv[3])["Statistics"]
head = [c.value for c in ws[1]]
for row in ws.iter_rows(min_row=2, values_only=True):
    cell = dict(zip(head, row))
    key = ("smoking" if cell["Table"] == "Smoking" else "admissions", cell["Area"])
    (lo, hi), method, f, pos = want[key]
    close("xlsx " + str(key), cell["CI lower"], lo)
    close("xlsx " + str(key), cell["CI upper"], hi)
    if f and cell["Funnel position"] != pos: print("xlsx position", cell); bad += 1
sys.exit(1 if bad else 0)
EOF
finish
