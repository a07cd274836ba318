#!/usr/bin/env bash
# assay check: a clean pack, all syntax errors at once, lint findings with
# file:line and rule, checks against a dataset, exit codes.
. "$(dirname "$0")/lib.sh"
PACK=$SRC/rules/lsp2007
DATA=$SRC/datasets/lsp2007

# The bundled packs are clean, on their own and against their data.
expect_exit 0 -- "$ASSAY" check "$PACK"
expect_in "$TMP/out" "0 errors, 0 warnings"
expect_exit 0 -- "$ASSAY" check "$PACK" --data "$DATA"

# Two files with syntax errors: both are reported, each with file:line.
mkdir -p "$TMP/syntax"
printf 'pack "s" { title = "S" }\nscale "rag" { "RED", "GREEN" }\n' >"$TMP/syntax/pack.lua"
printf 'group "a" {\n  title = "A"\n  indicators = { "x" },\n}\n' >"$TMP/syntax/a.lua"
printf '\n\ngroup "b" { indicators = { "y" } \n' >"$TMP/syntax/b.lua"
expect_exit 1 -- "$ASSAY" check "$TMP/syntax"
expect_in "$TMP/out" "$TMP/syntax/a.lua:3: error: syntax:"
expect_in "$TMP/out" "$TMP/syntax/b.lua:4: error: syntax:"
expect_in "$TMP/out" "2 errors"

# A pack that loads but has mistakes: every finding, with file:line and rule.
mkdir -p "$TMP/lint"
cat >"$TMP/lint/pack.lua" <<'LUA'
pack "lint" { title = "Lint" }
scale "rag" { "RED", "AMBER", "GREEN" }
LUA
cat >"$TMP/lint/groups.lua" <<'LUA'
group "g" {
  polarity = "lower_is_better",
  target = { value = 10 },
  rating = first {
    { distance_within(pct(10)), AMBER },
    { distance_within(pct(5)), GREEN },
    { otherwise, RED },
    { improved, AMBER },
  },
  indicators = { "theft_of_vehicle", "robbry" },
}
LUA
expect_exit 1 -- "$ASSAY" check "$TMP/lint" --data "$DATA"
expect_in "$TMP/out" "$TMP/lint/groups.lua:4: error: group 'g' rating: case 2 ('distance_within(pct(5))') can never apply"
expect_in "$TMP/out" "list the narrower band first"
expect_in "$TMP/out" "$TMP/lint/groups.lua:4: warning: group 'g' rating: case 4 ('improved') can never apply: case 3 ('otherwise') applies first (so it never gives 'AMBER')"
expect_in "$TMP/out" "$TMP/lint/groups.lua:1: error: group 'g': indicator 'robbry' is not in dataset 'lsp2007' (did you mean 'robbery'?)"
expect_in "$TMP/out" "$TMP/lint/groups.lua:4: warning: group 'g' rating: no case gives level 'GREEN' of scale 'rag'"
expect_in "$TMP/out" "2 errors, 2 warnings"
# Without the data the indicator cannot be checked, but the bands still can.
expect_exit 1 -- "$ASSAY" check "$TMP/lint"
expect_not_in "$TMP/out" "robbry"
expect_in "$TMP/out" "1 error, 2 warnings"

# Only warnings: exit 0.
sed -i 's/{ distance_within(pct(10)), AMBER },//' "$TMP/lint/groups.lua"
sed -i 's/"robbry"/"robbery"/' "$TMP/lint/groups.lua"
expect_exit 0 -- "$ASSAY" check "$TMP/lint" --data "$DATA"
expect_in "$TMP/out" "0 errors, 2 warnings"

# A load error (not syntax) is reported with its place.
printf 'group "c" { indicatrs = { "x" } }\n' >"$TMP/lint/c.lua"
expect_exit 1 -- "$ASSAY" check "$TMP/lint"
expect_in "$TMP/out" "$TMP/lint/c.lua:1: error: group 'c': unknown field 'indicatrs' (did you mean 'indicators'?)"

# Usage and input errors exit 2.
expect_exit 2 -- "$ASSAY" check
expect_exit 2 -- "$ASSAY" check "$TMP/does-not-exist"
mkdir -p "$TMP/baddata"
printf 'id,title\nx,X\n' >"$TMP/baddata/indicators.csv"
printf 'indicator,area,period,value\nx,A,2006/07,12x\n' >"$TMP/baddata/observations.csv"
expect_exit 2 -- "$ASSAY" check "$PACK" --data "$TMP/baddata"
expect_in "$TMP/err" "observations.csv:2"
expect_exit 0 -- "$ASSAY" check --help
expect_in "$TMP/out" "Exit codes"

finish
