#!/usr/bin/env bash
# A report a committee can publish: the commentary and corrective action the
# dataset records (commentary.csv) in every format, the red "Corrective
# action needed" box quoting only real action text; benchmarks (National,
# all of Stockton) as columns, not indicators; the report's metadata on its
# first page and the engine's detail at the end. Expected texts are the
# seeds' own (seed 004 for LSP, 000 for PCC, 003 for the hotspots).
. "$(dirname "$0")/lib.sh"
LSP_RULES=$SRC/rules/lsp2007
LSP=$SRC/datasets/lsp2007

# --- Commentary and corrective action --------------------------------------
# Seed 004, "Criminal Damage": the target for 2006/07 was not met (RED).
action="The Partnership has worked with GONE to produce an action plan to address this issue."
for f in markdown terminal html csv json; do
    expect_exit 0 -- "$ASSAY" run "$LSP_RULES" "$LSP" --format "$f" --out "$TMP/lsp.$f"
    # One line, single spaces, quotes unescaped: the terminal wraps paragraphs, HTML escapes '.
    tr '\n' ' ' <"$TMP/lsp.$f" | tr -s ' ' | sed "s/&#39;/'/g" >"$TMP/flat.$f"
    expect_in "$TMP/flat.$f" "$action"
    expect_in "$TMP/flat.$f" "Operation 'Scrooge' have been implemented throughout the year"
done
expect_in "$TMP/lsp.markdown" "**Corrective action needed: Criminal Damage is RED**: Commentary: As with the many other parts"
expect_in "$TMP/lsp.markdown" "Owner: Safer Stronger Communities Partnership."
expect_in "$TMP/flat.terminal" "Corrective action needed: Criminal Damage is RED."
head -1 "$TMP/lsp.csv" >"$TMP/header"
expect_in "$TMP/header" ",comment,commentary,action,owner,due"
expect_in "$TMP/lsp.csv" ",Safer Stronger Communities Partnership,2007/08"
expect_exit 0 -- "$ASSAY" run "$LSP_RULES" "$LSP" --format xlsx --out "$TMP/lsp.xlsx"
checks=$((checks + 1))
python3 - "$TMP/lsp.xlsx" "$action" <<'PY' || fail "the workbook's Report sheet lacks the corrective action"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
text = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
sys.exit(0 if "Commentary and corrective action" in text and sys.argv[2] in text else 1)
PY

# The action box quotes recorded action text only: never a note of the data
# ("National data for 2006 is not yet available") or a computed change.
checks=$((checks + 1))
python3 - "$TMP/lsp.html" <<'PY' || fail "an action box quotes something other than recorded action"
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
boxes = re.findall(r'<div class="action-box[^"]*"[^>]*>(.*?)</div>', html, re.S)
assert boxes, "no action box"
for b in boxes:
    assert "National data for 2006" not in b, b
    assert "v's previous" not in b, b
    assert "Corrective action:" in b or "No corrective action has been recorded" in b, b
assert any("produce an action plan" in b for b in boxes)
PY

# Without commentary.csv every red says plainly that none was recorded.
cp -r "$LSP" "$TMP/bare"
rm "$TMP/bare/commentary.csv"
expect_exit 0 -- "$ASSAY" run "$LSP_RULES" "$TMP/bare" --format html --out "$TMP/bare.html"
expect_in "$TMP/bare.html" "No corrective action has been recorded for 2006/07."
expect_not_in "$TMP/bare.html" "Scrooge"
expect_exit 0 -- "$ASSAY" run "$LSP_RULES" "$TMP/bare" --format markdown --out "$TMP/bare.md"
expect_in "$TMP/bare.md" "**Corrective action needed: Criminal Damage is RED**: No corrective action has been recorded for 2006/07."

# Every bad row at once, each at its file:line:column.
cp -r "$LSP" "$TMP/bad"
printf 'indicator,area,period,commentary,action\ncriminal_damage,Redcar & Cleveland,2006/07,ok,\ncriminal_damgae,,2006/07,x,\nrobbery,Redcar & Cleveland,1999/00,x,\n' \
    >"$TMP/bad/commentary.csv"
expect_exit 2 -- "$ASSAY" run "$LSP_RULES" "$TMP/bad"
expect_in "$TMP/err" "commentary.csv:3:1: unknown indicator \"criminal_damgae\" (did you mean \"criminal_damage\"?)"
expect_in "$TMP/err" "commentary.csv:4:28: period \"1999/00\" is not a period of the data"
expect_in "$TMP/err" "commentary.csv: 2 problems"

# --- Comparators as columns -------------------------------------------------
# Seed 000, "Cleveland vs National charge rate": All Crime 8.4% 6.4%.
PCC_RULES=$SRC/rules/pcc2024q2
PCC=$SRC/datasets/pcc2024q2
expect_exit 0 -- "$ASSAY" run "$PCC_RULES" "$PCC" --format markdown --out "$TMP/pcc.md"
expect_in "$TMP/pcc.md" "| Charge rate – All Crime | 8.4% | 6.4% |"
expect_in "$TMP/pcc.md" "| Charge rate – Sexual Offences | 3.6% | 4.2% |"
expect_not_in "$TMP/pcc.md" "| Charge rate – All Crime | National |"
expect_exit 0 -- "$ASSAY" run "$PCC_RULES" "$PCC" --format json --out "$TMP/pcc.json"
checks=$((checks + 1))
python3 - "$TMP/pcc.json" <<'PY' || fail "the National rows are still outcomes, or the comparator is missing"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
found = []
def walk(x):
    if isinstance(x, dict):
        if "indicator" in x and "rating" in x:
            found.append(x)
        for v in x.values(): walk(v)
    elif isinstance(x, list):
        for v in x: walk(v)
walk(doc)
assert found
assert not any(o.get("area") == "National" for o in found)
rates = [o for o in found if o["indicator"] == "charge_rate_all_crime"]
assert len(rates) == 1 and rates[0]["comparators"][0]["value"] == 6.4, rates
PY
expect_exit 0 -- "$ASSAY" run "$PCC_RULES" "$PCC" --format csv --out "$TMP/pcc.csv"
head -1 "$TMP/pcc.csv" >"$TMP/header"
expect_in "$TMP/header" ",comparator_national"

# Seed 003: Billingham Town Centre, antisocial behaviour 134 119 -15 -11% -3%.
expect_exit 0 -- "$ASSAY" run "$SRC/rules/hotspots2024" "$SRC/datasets/hotspots2024" --format markdown --out "$TMP/hot.md"
expect_in "$TMP/hot.md" "% inc / dec for all Stockton |"
expect_in "$TMP/hot.md" "| 134 | 119 | -3% |"
expect_not_in "$TMP/hot.md" "### % inc / dec for all Stockton"

# --- Report metadata and provenance -----------------------------------------
expect_exit 0 -- "$ASSAY" run "$LSP_RULES" "$LSP" --format html --out "$TMP/meta.html" --status draft \
    --date "June 2007" --author "Community Safety Team" --contact "csp@example.org"
expect_in "$TMP/meta.html" "<dt>Organisation</dt><dd>Redcar &amp; Cleveland Partnership</dd>"
expect_in "$TMP/meta.html" "<dt>Date</dt><dd>June 2007</dd>"
expect_in "$TMP/meta.html" "<dt>Contact</dt><dd>csp@example.org</dd>"
expect_in "$TMP/meta.html" "<strong class=\"status\">Draft</strong>"
expect_in "$TMP/meta.html" "Appendix: how this report was produced"
# Seed 004 publishes the PSA1 figures and arrows, but no per-crime targets and no ratings: both are the pack's.
expect_in "$TMP/meta.html" "Targets and ratings are set by the rule pack lsp2007, not published in the source."
expect_exit 0 -- "$ASSAY" run "$LSP_RULES" "$LSP" --format markdown --out "$TMP/meta.md" --status final \
    --title "Crime Theme Assessment 2007"
head -3 "$TMP/meta.md" >"$TMP/first"
expect_in "$TMP/first" "# Crime Theme Assessment 2007"
expect_in "$TMP/first" "Organisation: **Redcar &amp; Cleveland Partnership** · Period: **2006/07** · Status: **Final**"
expect_not_in "$TMP/meta.md" "SHA-256"
expect_exit 2 -- "$ASSAY" run "$LSP_RULES" "$LSP" --status published

# Mistakes in a pack's report and comparators name the file and line.
cp -r "$PCC_RULES" "$TMP/pccbad"
rm -rf "$TMP/pccbad/tests"
sed -i 's/comparators = { "National" },/comparators = { 42 },/' "$TMP/pccbad/solving.lua"
expect_in "$TMP/pccbad/solving.lua" "comparators = { 42 },"
expect_exit 2 -- "$ASSAY" run "$TMP/pccbad" "$PCC"
expect_in "$TMP/err" "solving.lua:"
expect_in "$TMP/err" "comparators entry 1 must be an area name or a table"
cp -r "$PCC_RULES" "$TMP/pccbad2"
rm -rf "$TMP/pccbad2/tests"
sed -i 's/period = "2024-2025 Quarter 2" },/period = "2024-2025 Quarter 2", status = "published" },/' "$TMP/pccbad2/pack.lua"
expect_in "$TMP/pccbad2/pack.lua" "status = \"published\""
expect_exit 2 -- "$ASSAY" run "$TMP/pccbad2" "$PCC"
expect_in "$TMP/err" "pack.lua:"
expect_in "$TMP/err" "status \"published\" must be \"draft\" or \"final\""
finish
