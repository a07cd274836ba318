#!/usr/bin/env bash
# assay run --history and assay history: runs kept in SQLite, listed, shown,
# written back out for replay, verified; concurrent writers all land; a
# writer killed mid-run leaves the history valid; edits are detected.
. "$(dirname "$0")/lib.sh"
PACK=$SRC/rules/lsp2007
DATA=$SRC/datasets/lsp2007
H=$TMP/h.sqlite

# --history without a file keeps .assay/history.sqlite in the working folder.
mkdir "$TMP/work"
(cd "$TMP/work" && "$ASSAY" run "$PACK" "$DATA" --history >/dev/null) || fail "run --history"
checks=$((checks + 1)); [ -f "$TMP/work/.assay/history.sqlite" ] || fail "no default history file"
(cd "$TMP/work" && "$ASSAY" history >"$TMP/out") || fail "history in the working folder"
expect_in "$TMP/out" "1 run"

# --history FILE, ASSAY_HISTORY, and --no-history.
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --history="$H"
expect_exit 0 -- "$ASSAY" run "$PACK" "$DATA" --as-at 2005/06 --history "$H"
ASSAY_HISTORY=$H "$ASSAY" run "$PACK" "$DATA" --format jsonl >/dev/null || fail "run with ASSAY_HISTORY"
ASSAY_HISTORY=$H "$ASSAY" run "$PACK" "$DATA" --no-history >/dev/null || fail "run with --no-history"
expect_exit 0 -- "$ASSAY" history --history "$H"
expect_in "$TMP/out" "3 runs"
# Each run shows its pack's digest beside its version (the JSON record's pack sha256).
cp "$TMP/out" "$TMP/list"
pack_sha=$("$ASSAY" run "$PACK" "$DATA" --format json | sed -n 's/^      "sha256": "\([0-9a-f]\{12\}\).*/\1/p' | head -1)
checks=$((checks + 1)); [ ${#pack_sha} -eq 12 ] || fail "no pack digest read from the JSON record"
expect_in "$TMP/list" "lsp2007 1.0.0 ($pack_sha) on lsp2007 as at 2006/07  crime AMBER GREEN"
expect_in "$TMP/list" "lsp2007 1.0.0 ($pack_sha) on lsp2007 as at 2005/06  crime AMBER RED"
ASSAY_HISTORY=$H "$ASSAY" history >"$TMP/out2" || fail "history from ASSAY_HISTORY"
expect_in "$TMP/out2" "3 runs"

# show, and a kept run written out and replayed.
expect_exit 0 -- "$ASSAY" history show 2 --history "$H" --record "$TMP/run2.json"
expect_in "$TMP/out" "as at           2005/06"
expect_in "$TMP/out" "row hash"
expect_exit 0 -- "$ASSAY" replay "$TMP/run2.json"
expect_in "$TMP/out" "identical"
expect_exit 2 -- "$ASSAY" history show 9 --history "$H"
expect_in "$TMP/err" "no run 9"

expect_exit 0 -- "$ASSAY" history verify --history "$H"
expect_in "$TMP/out" "3 runs, chain intact; head "

# Concurrent writers: two processes appending at once, five runs each, all land.
C=$TMP/concurrent.sqlite
for w in 1 2; do
    ( for i in 1 2 3 4 5; do "$ASSAY" run "$PACK" "$DATA" --history "$C" >/dev/null || echo "writer $w failed" >>"$TMP/writers"; done ) &
done
wait
checks=$((checks + 1)); [ -e "$TMP/writers" ] && fail "$(cat "$TMP/writers")"
expect_exit 0 -- "$ASSAY" history verify --history "$C"
expect_in "$TMP/out" "10 runs, chain intact"

# Writers killed at random moments leave a valid history that takes more runs.
K=$TMP/killed.sqlite
"$ASSAY" run "$PACK" "$DATA" --history "$K" >/dev/null
for i in 1 2 3 4 5 6 7 8; do
    "$ASSAY" run "$PACK" "$DATA" --history "$K" >/dev/null 2>&1 &
    pid=$!
    sleep "0.0$((RANDOM % 10))"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
done
"$ASSAY" run "$PACK" "$DATA" --history "$K" >/dev/null || fail "append after killed writers"
expect_exit 0 -- "$ASSAY" history verify --history "$K"
expect_in "$TMP/out" "chain intact"

# Edits behind assay's back are found and named (needs the sqlite3 tool;
# the unit tests cover the same cases through the SQLite library).
if command -v sqlite3 >/dev/null; then
    cp "$C" "$TMP/t1.sqlite"
    sqlite3 "$TMP/t1.sqlite" "UPDATE runs SET record = replace(record, 'AMBER GREEN', 'GREEN') WHERE id = 4"
    expect_exit 1 -- "$ASSAY" history verify --history "$TMP/t1.sqlite"
    expect_in "$TMP/out" "row 4: its stored record was edited or damaged"
    cp "$C" "$TMP/t2.sqlite"
    sqlite3 "$TMP/t2.sqlite" "DELETE FROM runs WHERE id = 6"
    expect_exit 1 -- "$ASSAY" history verify --history "$TMP/t2.sqlite"
    expect_in "$TMP/out" "row 6 is missing: deleted"
    cp "$C" "$TMP/t3.sqlite"
    sqlite3 "$TMP/t3.sqlite" "UPDATE runs SET id = -1 WHERE id = 2; UPDATE runs SET id = 2 WHERE id = 3; UPDATE runs SET id = 3 WHERE id = -1"
    expect_exit 1 -- "$ASSAY" history verify --history "$TMP/t3.sqlite"
    expect_in "$TMP/out" "row 2 is out of order"
    cp "$C" "$TMP/t4.sqlite"
    sqlite3 "$TMP/t4.sqlite" "DELETE FROM runs WHERE id = 10"
    expect_exit 1 -- "$ASSAY" history verify --history "$TMP/t4.sqlite"
    expect_in "$TMP/out" "row 10 is missing: the last run was deleted"
fi

# Input errors.
expect_exit 2 -- "$ASSAY" history --history "$TMP/none.sqlite"
expect_in "$TMP/err" "no history here"
echo "not a database at all, just some text that is long enough to look like a file" >"$TMP/text.sqlite"
expect_exit 2 -- "$ASSAY" history --history "$TMP/text.sqlite"
expect_exit 0 -- "$ASSAY" history --help
expect_in "$TMP/out" "Exit codes"

finish
