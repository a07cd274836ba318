#!/usr/bin/env bash
# The report's Checks list every error `assay audit --rules` finds (wrong
# signs, wrong figures, totals, arrows), each with the table it belongs to,
# in every format; figures published after the as-at period are left out;
# a record of such a run replays identical. Expected figures come from the
# seeds: the PCC Q2 summary (000_…) prints the changes 1,047 and 1133 and the
# % changes 25% and 8.8% with the wrong sign; the LSP 2007 review (004_…)
# prints the BCS comparator total 10202 for 2003/04 where its ten parts add
# to 10,203, and an arrow ▲ for a gap that declined.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || { echo "SKIPPED: python3 is needed to read the JSON"; exit 77; }

# Every audit error appears in the report's checks, for every bundled pack.
for p in pcc2024q2 lsp2007 budget2017 hotspots2024; do
    "$ASSAY" audit "$SRC/datasets/$p" --rules "$SRC/rules/$p" --format json --out "$TMP/$p.audit.json" 2>"$TMP/err"
    "$ASSAY" run "$SRC/rules/$p" "$SRC/datasets/$p" --format json --out "$TMP/$p.run.json" 2>"$TMP/err"
    checks=$((checks + 1))
    python3 - "$TMP/$p.audit.json" "$TMP/$p.run.json" <<'PY' || fail "$p: the report's checks differ from the audit's errors"
import json, sys
audit = json.load(open(sys.argv[1]))
run = json.load(open(sys.argv[2]))
def key(indicator, period, published, computed):
    return (indicator, period, published, computed)
errors = sorted(key(f["indicator"], f["period"], f["published"], f["computed"]) for f in audit["findings"] if f["error"])
reported = sorted(key(c["indicator"], c["period"], c["published"], c["computed"]) for c in run["checks"])
assert errors == reported, (errors, reported)
PY
done

# The figures themselves, as the seeds print them.
python3 - "$TMP/pcc2024q2.run.json" "$TMP/lsp2007.run.json" <<'PY' || fail "the checks are not the seeds' published errors"
import json, sys
pcc = json.load(open(sys.argv[1]))["checks"]
got = sorted((c["kind"], c["published"], c["computed"]) for c in pcc)
assert got == sorted([("published_change", "1,047", "-1,047"), ("published_change", "1133", "-1133"),
                      ("published_change_pct", "25%", "-25%"), ("published_change_pct", "8.8%", "-8.8%")]), got
lsp = json.load(open(sys.argv[2]))["checks"]
got = sorted((c["kind"], c["indicator"], c["period"], c["published"], c["computed"]) for c in lsp)
assert got == sorted([("published_arrow", "gap_deprived_vehicle_interference", "2006/07", "▲", "declined"),
                      ("total", "bcs_comparator", "2003/04", "10,202", "10,203")]), got
PY
checks=$((checks + 1))

# Each check names its table: the gap's "Vehicle Interference" is told from the count's.
expect_exit 0 -- "$ASSAY" run "$SRC/rules/lsp2007" "$SRC/datasets/lsp2007" --format markdown --out "$TMP/lsp.md"
expect_in "$TMP/lsp.md" "| Vehicle Interference (Narrowing the gap – deprived neighbourhoods and Borough) |"
expect_in "$TMP/lsp.md" "| 2003/04 | 10,202 | 10,203 | total: its 10 parts"
expect_exit 0 -- "$ASSAY" run "$SRC/rules/pcc2024q2" "$SRC/datasets/pcc2024q2" --format html --out "$TMP/pcc.html"
expect_in "$TMP/pcc.html" "Tackling anti-social behaviour in communities"
expect_in "$TMP/pcc.html" "wrong sign: 12 months to Sept 2023 18,074"
expect_exit 0 -- "$ASSAY" run "$SRC/rules/pcc2024q2" "$SRC/datasets/pcc2024q2" --format terminal --width 200 --out "$TMP/pcc.txt"
expect_in "$TMP/pcc.txt" "Checks: published figures that do not match the data"
expect_in "$TMP/pcc.txt" "NHS sharps admissions"

# As at 2002/03 the 2003/04 total and the 2006/07 arrow were not yet published.
expect_exit 0 -- "$ASSAY" run "$SRC/rules/lsp2007" "$SRC/datasets/lsp2007" --as-at 2002/03 --format json --out "$TMP/early.json"
checks=$((checks + 1))
python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["checks"]; assert c == [], c' "$TMP/early.json" ||
    fail "checks of figures published after the as-at period are in the report"
expect_exit 0 -- "$ASSAY" run "$SRC/rules/lsp2007" "$SRC/datasets/lsp2007" --as-at 2003/04 --format json --out "$TMP/mid.json"
checks=$((checks + 1))
python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["checks"]; assert [x["kind"] for x in c] == ["total"], c' \
    "$TMP/mid.json" || fail "as at 2003/04 the checks should be the BCS total alone"

# A record of the run holds the same checks and replays identical from another folder.
expect_exit 0 -- "$ASSAY" run "$SRC/rules/pcc2024q2" "$SRC/datasets/pcc2024q2" --format json --out "$TMP/r.json" --record "$TMP/r.record"
mkdir -p "$TMP/elsewhere"
cp "$TMP/r.record" "$TMP/elsewhere/moved.record"
expect_exit 0 -- "$ASSAY" replay "$TMP/elsewhere/moved.record"
expect_in "$TMP/out" "identical"

finish
