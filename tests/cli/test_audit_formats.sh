#!/usr/bin/env bash
# assay audit --format json|csv|markdown|html: the same findings as the text
# audit, for programs and reports; nothing in them depends on the path the
# dataset was read from. The expected findings are the ones docs/audit.md
# lists for the bundled datasets (pcc2024q2 under truncation: four wrong signs).
. "$(dirname "$0")/lib.sh"
DATA=$SRC/datasets/pcc2024q2
command -v python3 >/dev/null || { echo "SKIPPED: python3 is needed to read the JSON and CSV"; exit 77; }

expect_exit 1 -- "$ASSAY" audit "$DATA" --rounding truncate --format json --out "$TMP/a.json"
python3 - "$TMP/a.json" <<'PY' || fail "the JSON audit is not as expected"
import json, sys
a = json.load(open(sys.argv[1]))
assert a["assay_audit"]["format"] == 1
assert a["errors"] == 4 and a["roundings"] == 0, (a["errors"], a["roundings"])
assert [f["verdict"] for f in a["findings"]] == ["wrong sign"] * 4
assert all(f["error"] and f["file"] == "observations.csv" and f["line"] > 0 for f in a["findings"])
assert sorted(f["check"] for f in a["findings"]) == ["change", "change", "change_pct", "change_pct"]
assert [x["name"] for x in a["dataset"]["files"]] == ["indicators.csv", "observations.csv"]
assert a["rules"] is None
PY
checks=$((checks + 1))

# The same files elsewhere under another name: byte-identical JSON.
mkdir -p "$TMP/else/where"
cp -r "$DATA" "$TMP/else/where/copy_of_data"
expect_exit 1 -- "$ASSAY" audit "$TMP/else/where/copy_of_data" --rounding truncate --format json --out "$TMP/b.json"
checks=$((checks + 1)); cmp -s "$TMP/a.json" "$TMP/b.json" || fail "the JSON audit depends on the dataset's path"

# CSV: one row per finding, RFC 4180.
expect_exit 1 -- "$ASSAY" audit "$DATA" --rounding truncate --format csv --out "$TMP/a.csv"
python3 - "$TMP/a.csv" <<'PY' || fail "the CSV audit is not as expected"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0][:3] == ["verdict", "check", "indicator"], rows[0]
assert len(rows) == 5 and all(r[0] == "wrong sign" for r in rows[1:]), rows
PY
checks=$((checks + 1))

# Markdown and HTML: the errors table, the rounding table, the summary.
expect_exit 0 -- "$ASSAY" audit "$SRC/datasets/budget2017" --format markdown
expect_in "$TMP/out" "## Rounding differences, not errors"
expect_in "$TMP/out" "0 errors, 7 rounding differences"
expect_exit 1 -- "$ASSAY" audit "$DATA" --format html --out "$TMP/a.html"
expect_in "$TMP/a.html" "<h2>Errors</h2>"
expect_in "$TMP/a.html" '<tr class="error"><td>wrong sign</td>'
expect_not_in "$TMP/a.html" "<script"

expect_exit 2 -- "$ASSAY" audit "$DATA" --format yaml
expect_in "$TMP/err" "unknown audit format 'yaml'"
expect_exit 2 -- "$ASSAY" audit "$DATA" --format json --out "$DATA/observations.csv"

finish
