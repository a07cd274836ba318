#!/usr/bin/env bash
# --out and --record never replace an input of the run (the dataset's files,
# a rule file, the compared record; also through another name for the same
# file) nor anything that is not a regular file (a FIFO, a device, a folder):
# a clear error, exit 2, nothing changed. A temporary left beside the output
# by a killed writer is removed by the next write; a live writer's is not.
. "$(dirname "$0")/lib.sh"
cp -r "$SRC/rules/lsp2007" "$TMP/pack"
cp -r "$SRC/datasets/lsp2007" "$TMP/data"
sum() { sha256sum "$@" | cut -d' ' -f1; }
before=$(cat "$TMP"/pack/*.lua "$TMP"/data/*.csv | sum)

expect_exit 2 -- "$ASSAY" run "$TMP/pack" "$TMP/data" --format csv --out "$TMP/data/observations.csv"
expect_in "$TMP/err" "is $TMP/data/observations.csv, an input of this run"
expect_in "$TMP/err" "nothing was written"
expect_exit 2 -- "$ASSAY" run "$TMP/pack" "$TMP/data" --out "$TMP/pack/psa1.lua"
expect_in "$TMP/err" "an input of this run"
ln "$TMP/pack/drugs.lua" "$TMP/hardlink.txt"
expect_exit 2 -- "$ASSAY" run "$TMP/pack" "$TMP/data" --format json --out "$TMP/hardlink.txt"
expect_in "$TMP/err" "drugs.lua, an input of this run"
ln -s "$TMP/data/indicators.csv" "$TMP/symlink.csv"
expect_exit 2 -- "$ASSAY" run "$TMP/pack" "$TMP/data" --format jsonl --out "$TMP/symlink.csv"
expect_in "$TMP/err" "an input of this run"
expect_exit 2 -- "$ASSAY" run "$TMP/pack" "$TMP/data" --record "$TMP/data/indicators.csv"
expect_in "$TMP/err" "--record"
expect_exit 2 -- "$ASSAY" key "$TMP/pack" --out "$TMP/pack/pack.lua"
expect_in "$TMP/err" "an input of this run"
checks=$((checks + 1))
[ "$(cat "$TMP"/pack/*.lua "$TMP"/data/*.csv | sum)" = "$before" ] || fail "an input was changed"

# A single-file dataset as its own output.
cp "$TMP/data/observations.csv" "$TMP/obs.csv"
expect_exit 2 -- "$ASSAY" run "$TMP/pack" "$TMP/obs.csv" --format csv --out "$TMP/obs.csv"
checks=$((checks + 1))
cmp -s "$TMP/obs.csv" "$TMP/data/observations.csv" || fail "the dataset file was overwritten"

# Not regular files.
mkfifo "$TMP/fifo"
expect_exit 2 -- timeout 20 "$ASSAY" run "$TMP/pack" "$TMP/data" --out "$TMP/fifo"
expect_in "$TMP/err" "not a regular file"
checks=$((checks + 1)); [ -p "$TMP/fifo" ] || fail "the FIFO was replaced"
mkdir "$TMP/folder"
expect_exit 2 -- "$ASSAY" run "$TMP/pack" "$TMP/data" --out "$TMP/folder"
expect_in "$TMP/err" "not a regular file"
expect_exit 2 -- "$ASSAY" run "$TMP/pack" "$TMP/data" --record "$TMP/fifo"
expect_in "$TMP/err" "not a regular file"
if [ -c /dev/null ]; then
    expect_exit 2 -- "$ASSAY" key "$TMP/pack" --out /dev/null
    expect_in "$TMP/err" "/dev/null: is not a regular file"
    checks=$((checks + 1)); [ -c /dev/null ] || fail "/dev/null was replaced"
fi

# An ordinary output is still written, and over an older one of itself.
expect_exit 0 -- "$ASSAY" run "$TMP/pack" "$TMP/data" --format csv --out "$TMP/report.csv"
expect_exit 0 -- "$ASSAY" run "$TMP/pack" "$TMP/data" --format csv --out "$TMP/report.csv"
expect_in "$TMP/report.csv" "group,indicator,area"

# Stale temporaries: one of a process that is gone, one of a live process (this shell).
sleep 0 & dead=$!; wait "$dead"
kill -0 "$dead" 2>/dev/null && { echo "pid $dead is still alive"; exit 77; }
for target in rec.json report.csv out.jsonl; do
    echo partial >"$TMP/.$target.$dead.Ab12Cd.tmp"
    echo partial >"$TMP/.$target.$$.Zz99Yy.tmp"
done
echo keep >"$TMP/.rec.json.notapid.tmp"
expect_exit 0 -- "$ASSAY" run "$TMP/pack" "$TMP/data" --record "$TMP/rec.json"
expect_exit 0 -- "$ASSAY" run "$TMP/pack" "$TMP/data" --format csv --out "$TMP/report.csv"
expect_exit 0 -- "$ASSAY" run "$TMP/pack" "$TMP/data" --format jsonl --out "$TMP/out.jsonl"
for target in rec.json report.csv out.jsonl; do
    checks=$((checks + 2))
    [ ! -e "$TMP/.$target.$dead.Ab12Cd.tmp" ] || fail "the killed writer's temporary of $target is still there"
    [ -e "$TMP/.$target.$$.Zz99Yy.tmp" ] || fail "a live writer's temporary of $target was removed"
done
checks=$((checks + 1)); [ -e "$TMP/.rec.json.notapid.tmp" ] || fail "a file not named like a temporary was removed"
checks=$((checks + 1)); [ -s "$TMP/rec.json" ] || fail "no record written"
finish
