#!/usr/bin/env bash
# assay init: the scaffold checks, tests and runs cleanly; init refuses a
# folder that is not empty and a name that cannot be a pack name.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || exit 2

expect_exit 0 -- "$ASSAY" init demo
expect_in "$TMP/out" "Created rule pack 'demo' in demo"
for f in pack.lua data/indicators.csv data/observations.csv tests/demo.lua README.md; do
    checks=$((checks + 1)); [ -s "demo/$f" ] || fail "demo/$f was not written"
done
expect_in "demo/pack.lua" 'pack "demo" {'

expect_exit 0 -- "$ASSAY" check demo --data demo/data
expect_in "$TMP/out" "0 errors, 0 warnings"
expect_exit 0 -- "$ASSAY" test demo
expect_in "$TMP/out" "0 failed"
checks=$((checks + 1)); tail -n 1 "$TMP/out" | grep -Eq '^[1-9][0-9]* passed, 0 failed$' || fail "the scaffold's tests did not all pass"
expect_exit 0 -- "$ASSAY" run demo demo/data
expect_in "$TMP/out" "Reducing crime"
expect_in "$TMP/out" "Assessment: RED"
expect_exit 0 -- "$ASSAY" key demo
expect_in "$TMP/out" "GREEN when on track to meet the target"
expect_exit 0 -- "$ASSAY" explain demo demo/data vehicle_crime
expect_in "$TMP/out" "rating:   AMBER"

# --dir: into a new folder, or an empty one.
mkdir -p empty
expect_exit 0 -- "$ASSAY" init other --dir empty
checks=$((checks + 1)); [ -f empty/pack.lua ] || fail "init --dir did not write into the empty folder"
expect_exit 0 -- "$ASSAY" test empty

# Refusals: a folder with anything in it, a file, a bad name. Nothing is changed.
expect_exit 2 -- "$ASSAY" init demo
expect_in "$TMP/err" "demo is not empty"
mkdir -p busy && echo keep >busy/notes.txt
expect_exit 2 -- "$ASSAY" init busy
checks=$((checks + 1)); [ "$(ls busy)" = "notes.txt" ] || fail "init wrote into a folder that was not empty"
touch afile
expect_exit 2 -- "$ASSAY" init x --dir afile
expect_exit 2 -- "$ASSAY" init "bad name"
expect_in "$TMP/err" "pack name 'bad name'"
expect_exit 2 -- "$ASSAY" init
expect_exit 0 -- "$ASSAY" init --help
expect_in "$TMP/out" "Exit codes"

finish
